using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace VcLab.Hosting.SuperCluster;

/// <summary>The cluster CA, and the certificates it signs: what kubeadm lays out under /etc/kubernetes/pki.</summary>
internal sealed class CertificateAuthority : IDisposable
{
    private static readonly TimeSpan Validity = TimeSpan.FromDays(365);

    /// <summary>Every certificate is valid from this long before it was made: a node whose clock is a little behind still takes it.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly ECDsa _key;
    private readonly TimeProvider _time;

    private CertificateAuthority(X509Certificate2 certificate, ECDsa key, TimeProvider time)
    {
        Certificate = certificate;
        _key = key;
        _time = time;
    }

    public X509Certificate2 Certificate { get; }

    public string CertificatePem => Certificate.ExportCertificatePem() + "\n";

    /// <summary>The CA key (PEM). A secret: it goes only into files readable by their owner.</summary>
    public string PrivateKeyPem => _key.ExportPkcs8PrivateKeyPem() + "\n";

    /// <summary>A new CA, valid for ten years from the clock's time (less <see cref="ClockSkew"/>); its certificates for a year.</summary>
    public static CertificateAuthority Create(TimeProvider time, string commonName = "kubernetes")
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var notBefore = time.GetUtcNow() - ClockSkew;
        return new CertificateAuthority(request.CreateSelfSigned(notBefore, notBefore.AddYears(10)), key, time);
    }

    /// <summary>A client certificate: CN is the user, O the groups (e.g. system:masters).</summary>
    public IssuedCertificate IssueClient(string commonName, params string[] organizations) =>
        Issue(Subject(commonName, organizations), serverNames: [], addresses: [], clientAuth: true, serverAuth: false);

    /// <summary>A serving certificate for the given DNS names and IP addresses.</summary>
    public IssuedCertificate IssueServer(string commonName, IEnumerable<string> dnsNames, IEnumerable<IPAddress> addresses) =>
        Issue(Subject(commonName, []), dnsNames, addresses, clientAuth: false, serverAuth: true);

    public void Dispose()
    {
        _key.Dispose();
        Certificate.Dispose();
    }

    private IssuedCertificate Issue(X500DistinguishedName subject, IEnumerable<string> serverNames, IEnumerable<IPAddress> addresses, bool clientAuth, bool serverAuth)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        var usages = new OidCollection();
        if (clientAuth)
        {
            usages.Add(new Oid("1.3.6.1.5.5.7.3.2"));
        }

        if (serverAuth)
        {
            usages.Add(new Oid("1.3.6.1.5.5.7.3.1"));
        }

        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(usages, false));
        var names = new SubjectAlternativeNameBuilder();
        var hasNames = false;
        foreach (var name in serverNames)
        {
            names.AddDnsName(name);
            hasNames = true;
        }

        foreach (var address in addresses)
        {
            names.AddIpAddress(address);
            hasNames = true;
        }

        if (hasNames)
        {
            request.CertificateExtensions.Add(names.Build());
        }

        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        var notBefore = _time.GetUtcNow() - ClockSkew;
        var signer = X509SignatureGenerator.CreateForECDsa(_key);
        using var certificate = request.Create(Certificate.SubjectName, signer, notBefore, notBefore.Add(Validity), serial);
        return new IssuedCertificate(certificate.ExportCertificatePem() + "\n", key.ExportPkcs8PrivateKeyPem() + "\n");
    }

    private static X500DistinguishedName Subject(string commonName, IEnumerable<string> organizations)
    {
        var builder = new X500DistinguishedNameBuilder();
        foreach (var organization in organizations)
        {
            builder.AddOrganizationName(organization);
        }

        builder.AddCommonName(commonName);
        return builder.Build();
    }
}
