using VcLab.Installer.Options;
using VcLab.Installer.Pipeline;

namespace VcLab.Installer;

/// <summary>The installer's own flags; everything else goes to the configuration (e.g. --VirtualCluster:Namespace=x).</summary>
public sealed record InstallerCommandLine(
    string? VarsFile,
    StageSelection Selection,
    bool CheckMode,
    IReadOnlyDictionary<string, string?> Overrides,
    string[] HostArguments,
    string? Error)
{
    public static InstallerCommandLine Parse(IReadOnlyList<string> args)
    {
        string? vars = null, tags = null, skipTags = null, error = null;
        var check = false;
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var rest = new List<string>();
        for (var index = 0; index < args.Count; index++)
        {
            string Value() => index + 1 < args.Count ? args[++index] : throw new ArgumentException($"{args[index]} needs a value.");
            try
            {
                switch (args[index])
                {
                    case "--vars": vars = Value(); break;
                    case "--tags" or "-t": tags = Value(); break;
                    case "--skip-tags": skipTags = Value(); break;
                    case "--check": check = true; break;
                    case "--kubeconfig": overrides[AnsibleVariables.Map["virtualcluster_supercluster_kubeconfig_path"]] = Value(); break;
                    default: rest.Add(args[index]); break;
                }
            }
            catch (ArgumentException exception)
            {
                error = exception.Message;
            }
        }

        return new InstallerCommandLine(vars, StageSelection.Parse(tags, skipTags), check, overrides, [.. rest], error);
    }
}
