using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Time.Testing;
using VcLab.Hosting.SuperCluster;

namespace VcLab.Tests.SuperCluster;

/// <summary>The super cluster's CA: when its certificates are valid, read from the clock it is given.</summary>
public sealed class CertificateAuthorityTests
{
    private static readonly DateTimeOffset Now = new(2031, 3, 14, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Create_OnTheGivenClock_TheCaHoldsTenYears_ItsCertificatesAYear_EachFromFiveMinutesBefore()
    {
        // Given a CA made at a time that is not this machine's
        using var ca = CertificateAuthority.Create(new FakeTimeProvider(Now));

        // When it issues an API server's serving certificate and a kubelet's client certificate
        using var server = X509Certificate2.CreateFromPem(ca.IssueServer("kube-apiserver", ["kubernetes"], [IPAddress.Loopback]).CertificatePem);
        using var client = X509Certificate2.CreateFromPem(ca.IssueClient("system:node:vclab-worker", "system:nodes").CertificatePem);

        // Then each is valid from five minutes before that time (a node whose clock is a little behind takes it):
        // the CA for ten years, the certificates for a year
        Assert.Equal(Now.AddMinutes(-5), new DateTimeOffset(ca.Certificate.NotBefore.ToUniversalTime()));
        Assert.Equal(Now.AddMinutes(-5).AddYears(10), new DateTimeOffset(ca.Certificate.NotAfter.ToUniversalTime()));
        foreach (var certificate in new[] { server, client })
        {
            Assert.Equal(Now.AddMinutes(-5), new DateTimeOffset(certificate.NotBefore.ToUniversalTime()));
            Assert.Equal(Now.AddMinutes(-5).AddDays(365), new DateTimeOffset(certificate.NotAfter.ToUniversalTime()));
        }

        // And the CA vouches for them at that time, and not before it
        Assert.True(Chains(ca, server, Now), "the serving certificate does not chain to the CA at the clock's time");
        Assert.False(Chains(ca, server, Now.AddMinutes(-10)), "the serving certificate chains before it is valid");
    }

    private static bool Chains(CertificateAuthority ca, X509Certificate2 certificate, DateTimeOffset at)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca.Certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = at.UtcDateTime;
        return chain.Build(certificate);
    }
}
