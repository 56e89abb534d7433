using System.Text.Json.Serialization;
using k8s.Models;

namespace VcLab.Installer.Kubernetes;

/// <summary>
/// A list of any kind's objects read for their metadata alone (what uninstall needs of custom resources: name,
/// namespace, UID, labels, whether being deleted); every other field of the answer is left unread.
/// </summary>
public sealed class ObjectMetadataList : IItems<ObjectMetadataList.Item>
{
    [JsonPropertyName("items")]
    public IList<Item> Items { get; set; } = [];

    /// <summary>One object of the list: its metadata.</summary>
    public sealed class Item
    {
        [JsonPropertyName("metadata")]
        public V1ObjectMeta Metadata { get; set; } = new();
    }
}
