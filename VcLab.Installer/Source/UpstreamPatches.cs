namespace VcLab.Installer.Source;

/// <summary>
/// The role's five fixes to upstream VirtualCluster (all five bugs are present at the last upstream commit, 4d19ac6),
/// applied after checkout and before the build. Paths are relative to <c>virtualcluster/</c>.
/// </summary>
internal static class UpstreamPatches
{
    public static IReadOnlyList<SourcePatch> All { get; } =
    [
        new(
            "kubeconfig-dns-name",
            "pkg/controller/kubeconfig/kubeconfig.go",
            "a DNS name is written as https://name:6443, not in IPv6 brackets",
            [new("\t\tif addr.To4() != nil {\n\t\t\t// is ipv4\n", "\t\tif addr == nil || addr.To4() != nil {\n\t\t\t// is ipv4, or a DNS name (net.ParseIP returns nil)\n")]),
        new(
            "service-cluster-ips",
            "pkg/syncer/conversion/mutate.go",
            "ClusterIPs is cleared to nil, which Kubernetes >= 1.20 accepts, instead of an empty list",
            [new("s.pService.Spec.ClusterIPs = []string{}", "s.pService.Spec.ClusterIPs = nil")]),
        new(
            "vn-agent-missing-cert",
            "cmd/vn-agent/app/options/options.go",
            "a missing certificate file counts as empty instead of a nil-pointer panic",
            [new("\tfi, _ := os.Stat(fn)\n\treturn fi.Size() == 0\n", "\tfi, err := os.Stat(fn)\n\tif err != nil {\n\t\treturn true\n\t}\n\treturn fi.Size() == 0\n")]),
        new(
            "cluster-phase-failed",
            "pkg/apis/tenancy/v1alpha1/virtualcluster_types.go",
            "the error phase is \"Failed\", which the CRD's enum allows",
            [new("ClusterError ClusterPhase = \"Error\"", "ClusterError ClusterPhase = \"Failed\"")]),
        new(
            "native-provisioner",
            "pkg/controller/controllers/provisioner/provisioner_native.go",
            "etcd's peer scheme comes from VIRTUALCLUSTER_ETCD_SCHEME (default https); the controller-manager Service gets the tenant namespace",
            [
                new("\t\"fmt\"\n\t\"time\"\n", "\t\"fmt\"\n\t\"os\"\n\t\"time\"\n"),
                new(
                    "peerAddr := fmt.Sprintf(\"%s-%d=https://%s-%d.%s:%d\",\n\t\t\tstsName, i, stsName, i, svcName, DefaultETCDPeerPort)",
                    "peerAddr := fmt.Sprintf(\"%s-%d=%s://%s-%d.%s:%d\",\n\t\t\tstsName, i, etcdPeerScheme(), stsName, i, svcName, DefaultETCDPeerPort)"),
                new(
                    "// genInitialClusterArgs generates the values",
                    "// etcdPeerScheme is the scheme of etcd's peer URLs: VIRTUALCLUSTER_ETCD_SCHEME, https by default.\nfunc etcdPeerScheme() string {\n\tif scheme := os.Getenv(\"VIRTUALCLUSTER_ETCD_SCHEME\"); scheme != \"\" {\n\t\treturn scheme\n\t}\n\treturn \"https\"\n}\n\n// genInitialClusterArgs generates the values"),
                new(
                    "clusterCAGroup *vcpki.ClusterCAGroup) {\n\tctrlMgrBdl.StatefulSet.ObjectMeta.Namespace = vcns\n",
                    "clusterCAGroup *vcpki.ClusterCAGroup) {\n\tif ctrlMgrBdl.Service != nil {\n\t\tctrlMgrBdl.Service.ObjectMeta.Namespace = vcns\n\t}\n\tctrlMgrBdl.StatefulSet.ObjectMeta.Namespace = vcns\n"),
            ]),
    ];
}
