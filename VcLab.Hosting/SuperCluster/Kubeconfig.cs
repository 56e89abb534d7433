using System.Text;
using k8s;
using k8s.KubeConfigModels;

namespace VcLab.Hosting.SuperCluster;

/// <summary>Renders a kubeconfig with embedded certificates, through the client library's own model.</summary>
internal static class Kubeconfig
{
    public static string Render(string clusterName, string server, string caPem, string userName, IssuedCertificate credentials)
    {
        static string Encode(string pem) => Convert.ToBase64String(Encoding.ASCII.GetBytes(pem));
        var contextName = $"{userName}@{clusterName}";
        var configuration = new K8SConfiguration
        {
            ApiVersion = "v1",
            Kind = "Config",
            CurrentContext = contextName,
            Clusters =
            [
                new Cluster
                {
                    Name = clusterName,
                    ClusterEndpoint = new ClusterEndpoint { Server = server, CertificateAuthorityData = Encode(caPem) },
                },
            ],
            Users =
            [
                new User
                {
                    Name = userName,
                    UserCredentials = new UserCredentials
                    {
                        ClientCertificateData = Encode(credentials.CertificatePem),
                        ClientKeyData = Encode(credentials.PrivateKeyPem),
                    },
                },
            ],
            Contexts = [new Context { Name = contextName, ContextDetails = new ContextDetails { Cluster = clusterName, User = userName } }],
        };
        return KubernetesYaml.Serialize(configuration);
    }
}
