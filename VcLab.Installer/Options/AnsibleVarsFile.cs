using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace VcLab.Installer.Options;

/// <summary>
/// Reads an Ansible-style YAML vars file (the role's own variable names) into configuration keys. Unknown or
/// misspelled variables are problems, each named with the closest known name, returned with the values so that they
/// are reported together with every other bad setting. Ansible's connection variables (<c>ansible_host</c>,
/// <c>ansible_user</c>, <c>ansible_port</c>, <c>ansible_ssh_private_key_file</c>) say how the control plane is
/// reached, unless the role's own variable for it is set too.
/// </summary>
internal static class AnsibleVarsFile
{
    /// <summary>Ansible's connection variables and the settings they fill.</summary>
    public static IReadOnlyDictionary<string, string> ConnectionVariables { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ansible_host"] = $"{SshOptions.Section}:{nameof(SshOptions.ControlPlaneHost)}",
        ["ansible_user"] = $"{SshOptions.Section}:{nameof(SshOptions.User)}",
        ["ansible_port"] = $"{SshOptions.Section}:{nameof(SshOptions.Port)}",
        ["ansible_ssh_private_key_file"] = $"{SshOptions.Section}:{nameof(SshOptions.PrivateKeyPath)}",
    };

    public static (IReadOnlyDictionary<string, string?> Values, IReadOnlyList<string> Problems) Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidInstallerConfigurationException([$"The vars file '{path}' does not exist."]);
        }

        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
        }
        catch (YamlDotNet.Core.YamlException exception)
        {
            throw new InvalidInstallerConfigurationException([$"The vars file '{path}' is not valid YAML (line {exception.Start.Line}): {exception.Message}"]);
        }

        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var errors = new List<string>();
        if (stream.Documents.Count == 0)
        {
            return (values, errors);
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            var kind = stream.Documents[0].RootNode is YamlSequenceNode ? "a list" : "a single value";
            throw new InvalidInstallerConfigurationException(
                [$"The vars file '{path}' holds {kind} at its top: a vars file is a mapping of variable names to values (virtualcluster_enabled: true, ...)."]);
        }

        var connection = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);

        foreach (var (keyNode, valueNode) in root.Children)
        {
            var variable = ((YamlScalarNode)keyNode).Value ?? string.Empty;
            if (AnsibleVariables.Map.TryGetValue(variable, out var key))
            {
                Flatten(key, valueNode, values);
            }
            else if (ConnectionVariables.TryGetValue(variable, out var connectionKey))
            {
                Flatten(connectionKey, valueNode, connection);
            }
            else if (valueNode is YamlMappingNode nested && AnsibleVariables.Map.Keys.Any(known => known.StartsWith(variable + ".", StringComparison.Ordinal)))
            {
                foreach (var (leafKey, leafValue) in nested.Children)
                {
                    var leaf = $"{variable}.{((YamlScalarNode)leafKey).Value}";
                    if (AnsibleVariables.Map.TryGetValue(leaf, out var leafConfigKey))
                    {
                        Flatten(leafConfigKey, leafValue, values);
                    }
                    else
                    {
                        errors.Add(Unknown(path, leaf));
                    }
                }
            }
            else if (!AnsibleVariables.BelongsElsewhere(variable))
            {
                errors.Add(Unknown(path, variable));
            }
        }

        foreach (var (key, value) in connection)
        {
            values.TryAdd(key, value);
        }

        return (values, errors);
    }

    private static void Flatten(string key, YamlNode node, Dictionary<string, string?> values)
    {
        switch (node)
        {
            case YamlSequenceNode sequence:
                for (var index = 0; index < sequence.Children.Count; index++)
                {
                    Flatten($"{key}:{index.ToString(CultureInfo.InvariantCulture)}", sequence.Children[index], values);
                }

                break;
            case YamlMappingNode mapping:
                // A nested variable (virtualcluster_components): snake_case keys name the options' properties (vn_agent: VnAgent).
                foreach (var (childKey, child) in mapping.Children)
                {
                    Flatten($"{key}:{PascalCase(((YamlScalarNode)childKey).Value ?? string.Empty)}", child, values);
                }

                break;
            case YamlScalarNode scalar:
                values[key] = scalar.Value?.ToLowerInvariant() switch
                {
                    "yes" or "on" => "true",
                    "no" or "off" => "false",
                    _ => scalar.Value,
                };
                break;
            default:
                values[key] = node.ToString();
                break;
        }
    }

    private static string PascalCase(string name) =>
        name.Contains('_', StringComparison.Ordinal)
            ? string.Concat(name.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(part => char.ToUpperInvariant(part[0]) + part[1..]))
            : name;

    private static string Unknown(string path, string variable)
    {
        var hint = Spelling.Closest(AnsibleVariables.Map.Keys, variable, maxEdits: 4) is { } closest ? $" Did you mean '{closest}'?" : string.Empty;
        return $"Unknown variable '{variable}' in '{path}'.{hint}";
    }
}
