using System.Net;
using System.Security.Cryptography;

namespace VcLab.Hosting.SuperCluster;

/// <summary>
/// The super cluster's PKI, laid out as kubeadm does: a cluster CA, the apiserver's serving certificate
/// (SANs: the service names, the first service IP, localhost, the control-plane node's name and address),
/// its kubelet client certificate, the service-account key pair, and client certificates for admin,
/// controller-manager, scheduler, kube-proxy and each kubelet.
/// </summary>
internal sealed class ClusterPki : IDisposable
{
    private ClusterPki(CertificateAuthority ca, string serviceAccountKeyPem, string serviceAccountPublicKeyPem)
    {
        Ca = ca;
        ServiceAccountKeyPem = serviceAccountKeyPem;
        ServiceAccountPublicKeyPem = serviceAccountPublicKeyPem;
        Admin = ca.IssueClient("kubernetes-admin", "system:masters");
        ControllerManager = ca.IssueClient("system:kube-controller-manager");
        Scheduler = ca.IssueClient("system:kube-scheduler");
        KubeProxy = ca.IssueClient("system:kube-proxy");
        ApiServerKubeletClient = ca.IssueClient("kube-apiserver-kubelet-client", "system:masters");
    }

    public CertificateAuthority Ca { get; }

    public string ServiceAccountKeyPem { get; }

    public string ServiceAccountPublicKeyPem { get; }

    public IssuedCertificate Admin { get; }

    public IssuedCertificate ControllerManager { get; }

    public IssuedCertificate Scheduler { get; }

    public IssuedCertificate KubeProxy { get; }

    public IssuedCertificate ApiServerKubeletClient { get; }

    public static ClusterPki Create(TimeProvider time)
    {
        using var serviceAccount = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new ClusterPki(
            CertificateAuthority.Create(time),
            serviceAccount.ExportPkcs8PrivateKeyPem() + "\n",
            serviceAccount.ExportSubjectPublicKeyInfoPem() + "\n");
    }

    public IssuedCertificate IssueApiServer(string controlPlaneName, IPAddress controlPlaneAddress, IPAddress firstServiceAddress) =>
        Ca.IssueServer(
            "kube-apiserver",
            ["kubernetes", "kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc.cluster.local", "localhost", controlPlaneName],
            [firstServiceAddress, IPAddress.Loopback, controlPlaneAddress]);

    /// <summary>The kubelet's identity for the Node authorizer: system:node:NAME in system:nodes.</summary>
    public IssuedCertificate IssueKubelet(string nodeName) => Ca.IssueClient($"system:node:{nodeName}", "system:nodes");

    public void Dispose() => Ca.Dispose();
}
