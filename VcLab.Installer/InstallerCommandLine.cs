using System.CommandLine;
using VcLab.Installer.Options;
using VcLab.Installer.Pipeline;
using VcLab.Installer.Stages;
using VcLab.Installer.Tenants;
using VcLab.Installer.Uninstall;

namespace VcLab.Installer;

/// <summary>
/// The installer's command line (System.CommandLine): its own options, <c>--help</c>, and configuration keys given as
/// <c>--Section:Key=value</c> (e.g. <c>--VirtualCluster:Namespace=tenants</c>). Anything else is an error.
/// </summary>
internal sealed record InstallerCommandLine(
    string? VarsFile,
    StageSelection Selection,
    bool CheckMode,
    IReadOnlyDictionary<string, string?> Overrides,
    string[] HostArguments,
    string? Error,
    bool HelpShown,
    bool Uninstall = false,
    bool SyntaxCheckOnly = false,
    Tenants.TenantCommand? Tenant = null)
{
    private static readonly Option<string?> Vars = new("--vars") { Description = "An Ansible vars file (host_vars) with the role's variable names.", Recursive = true };
    private static readonly Option<string?> Kubeconfig = new("--kubeconfig") { Description = "The super cluster's kubeconfig (virtualcluster_supercluster_kubeconfig_path).", Recursive = true };
    private static readonly Option<string?> Tags = new("--tags", "-t") { Description = "Run only these stages, comma-separated, like ansible-playbook --tags." };
    private static readonly Option<string?> SkipTags = new("--skip-tags") { Description = "Skip these stages, comma-separated." };
    private static readonly Option<bool> Check = new("--check") { Description = "Report what would change; change nothing.", Recursive = true };
    private static readonly Option<bool> SyntaxCheck = new("--syntax-check") { Description = "Check the settings (all of them, at once) and exit, like ansible-playbook --syntax-check; nothing is reached or run.", Recursive = true };
    private static readonly Option<bool> IncludeForeign = new("--include-foreign")
    {
        Description = "Also delete VirtualClusters and ClusterVersions this installer did not create (virtualcluster_uninstall_include_foreign); without it, their presence stops the uninstall before anything is deleted.",
    };

    /// <summary>The installer's commands: install (the role's stages in order, the root command) and uninstall.</summary>
    public static RootCommand Command()
    {
        var root = new RootCommand(
            "Installs the VirtualCluster components (vc-manager, syncer, vn-agent) onto a super cluster, stage by stage, the " +
            $"way the k8s-virtual-cluster role does (--tags {StageSelection.RoleTag} runs every stage, as the role's tag does). Settings: an Ansible vars file (--vars), appsettings.json, VCLAB_ environment " +
            "variables (VCLAB_VirtualCluster__Namespace) and --Section:Key=value (--VirtualCluster:Namespace=tenants). " +
            $"Stages: {string.Join(", ", InstallStages.Names)}. Exit codes: 0 done, 1 a stage failed, 2 bad settings or arguments, 130 stopped by Ctrl+C.")
        {
            Vars, Kubeconfig, Tags, SkipTags, Check, SyntaxCheck,
        };
        var uninstall = new Command(
            "uninstall",
            "Takes the install down in the later role's order, deleting only what this installer made (its mark: the " +
            "app.kubernetes.io/managed-by and instance labels): its VirtualClusters (and waits), their namespaces, its " +
            "ClusterVersions, the components' namespace (only the install's objects in it when someone else made it), its " +
            "ClusterRoles, bindings and vc-manager's webhook configuration, both CRDs, then unpins and removes the component " +
            "images on every worker. Safe on a partial install and re-runnable; --check lists what would be removed. " +
            $"Steps: {string.Join(", ", UninstallSteps.Names)}.")
        {
            IncludeForeign,
        };
        uninstall.TreatUnmatchedTokensAsErrors = false;
        // Both run after parsing (Program.cs); the actions only mark them as commands that need no subcommand.
        uninstall.SetAction(_ => 0);
        root.SetAction(_ => 0);
        root.Subcommands.Add(uninstall);
        root.Subcommands.Add(TenantCommandLine.Command());
        root.TreatUnmatchedTokensAsErrors = false;
        return root;
    }

    public static InstallerCommandLine Parse(IReadOnlyList<string> args)
    {
        var result = Command().Parse([.. args]);
        var configuration = result.UnmatchedTokens.Where(IsConfiguration).ToArray();
        var errors = result.Errors.Select(error => error.Message)
            .Concat(result.UnmatchedTokens.Where(token => !IsConfiguration(token)).Select(token => $"Unknown option or argument '{token}'."))
            .ToList();
        if (CommandMeant(result) is { } meant)
        {
            errors.Add($"Did you mean '{meant}'?");
        }

        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (result.GetValue(Kubeconfig) is { } kubeconfig)
        {
            overrides[AnsibleVariables.Map["virtualcluster_supercluster_kubeconfig_path"]] = kubeconfig;
        }

        if (result.GetValue(IncludeForeign))
        {
            overrides[AnsibleVariables.Map["virtualcluster_uninstall_include_foreign"]] = "true";
        }

        var tenant = TenantCommandLine.From(result, errors);
        if (tenant is { Verb: TenantVerb.Create, Name: { } created })
        {
            overrides[$"{TenantOptions.Section}:{nameof(TenantOptions.Name)}"] = created;
        }

        var selection = StageSelection.Parse(result.GetValue(Tags), result.GetValue(SkipTags));
        errors.AddRange(selection.Problems([.. InstallStages.Names]));
        var help = result.Tokens.Any(token => token.Value is "--help" or "-h" or "-?");
        if (help)
        {
            result.Invoke();
        }

        return new InstallerCommandLine(
            result.GetValue(Vars),
            selection,
            result.GetValue(Check),
            overrides,
            configuration,
            errors.Count == 0 ? null : string.Join(Environment.NewLine, errors) + Environment.NewLine + "See --help.",
            help,
            result.CommandResult.Command.Name == "uninstall",
            result.GetValue(SyntaxCheck),
            tenant);
    }

    /// <summary>
    /// A misspelt command (<c>tenant craete</c>, <c>uninstal</c>): the first word the parse matched to nothing, when it is
    /// one or two edits from a command of where the parse stopped, as that command's whole line (<c>tenant create</c>).
    /// </summary>
    private static string? CommandMeant(ParseResult result)
    {
        var command = result.CommandResult.Command;
        var word = result.UnmatchedTokens.FirstOrDefault(token => !token.StartsWith('-'));
        if (word is null || Spelling.Closest(command.Subcommands.Select(subcommand => subcommand.Name), word, maxEdits: 2) is not { } meant)
        {
            return null;
        }

        return command is RootCommand ? meant : $"{command.Name} {meant}";
    }

    /// <summary>A configuration key and its value in one token: <c>--Section:Key=value</c>.</summary>
    private static bool IsConfiguration(string token) =>
        token.StartsWith("--", StringComparison.Ordinal) && token.Contains(':', StringComparison.Ordinal) && token.Contains('=', StringComparison.Ordinal);
}
