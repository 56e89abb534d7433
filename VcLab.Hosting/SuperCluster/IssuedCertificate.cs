namespace VcLab.Hosting.SuperCluster;

/// <summary>A certificate and its private key, both PEM. The key is a secret.</summary>
internal sealed record IssuedCertificate(string CertificatePem, string PrivateKeyPem)
{
    public override string ToString() => "IssuedCertificate { key: (redacted) }";
}
