using System.Security.Cryptography;

namespace VcLab.Installer.Manifests;

/// <summary>The super cluster's kubelet client certificate and key (PEM) for vn-agent. A secret: never logged or written to a file.</summary>
internal sealed record KubeletClientCertificate(byte[] CertificatePem, byte[] KeyPem)
{
    /// <summary>A short hash of the certificate, for the DaemonSet's pod annotation (a new certificate restarts vn-agent).</summary>
    public string Fingerprint => Convert.ToHexStringLower(SHA256.HashData(CertificatePem))[..16];

    /// <summary>Overridden so that the key never reaches a log through a record's generated text.</summary>
    public override string ToString() => $"kubelet client certificate {Fingerprint}";
}
