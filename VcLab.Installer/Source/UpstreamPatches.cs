namespace VcLab.Installer.Source;

/// <summary>
/// The role's five fixes to upstream VirtualCluster (all five bugs are present at the last upstream commit, 4d19ac6),
/// then VcLab's own, for speed (a tenant's start, measured by <c>bench tenants</c>; vc-manager's start, read from its
/// log), applied after checkout and before the build, in this order (two touch the same file). Paths are relative to
/// <c>virtualcluster/</c>.
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
        new(
            "provisioner-poll",
            "pkg/controller/controllers/provisioner/provisioner_native.go",
            "VcLab's, for speed: each control-plane StatefulSet is looked at every 250 ms from its creation (upstream: every 2 s, the first after 2 s, three times per tenant); the wait ends when the VirtualCluster is being deleted (upstream waited out its whole provisioner timeout, 10 minutes, before the deletion was handled)",
            [
                new(
                    "\t\"k8s.io/apimachinery/pkg/runtime\"\n",
                    "\t\"k8s.io/apimachinery/pkg/runtime\"\n\tappsv1 \"k8s.io/api/apps/v1\"\n\t\"k8s.io/apimachinery/pkg/types\"\n\t\"k8s.io/apimachinery/pkg/util/wait\"\n"),
                new(
                    "\terr = kubeutil.WaitStatefulSetReady(mpn, ns, ssBdl.Name, int64(mpn.ProvisionerTimeout/time.Second), ComponentPollPeriodSec)\n",
                    "\terr = mpn.waitStatefulSetReady(ctx, vc, ns, ssBdl.Name)\n",
                    ["\terr = mpn.waitStatefulSetReady(ctx, ns, ssBdl.Name)\n"]),
                new(
                    "// createOrUpdatePKISecrets creates secrets",
                    """
                    // waitStatefulSetReady waits until every replica of the StatefulSet ns/name is ready, looking every 250 ms (the
                    // manager's cache answers). A StatefulSet the cache does not hold yet is not ready yet. It stops when the
                    // VirtualCluster is gone or being deleted, so that its deletion is handled now, not after the timeout.
                    func (mpn *Native) waitStatefulSetReady(ctx context.Context, vc *tenancyv1alpha1.VirtualCluster, ns, name string) error {
                    	deleting := fmt.Errorf("VirtualCluster %s/%s is being deleted: stopped waiting for %s/%s", vc.Namespace, vc.Name, ns, name)
                    	err := wait.PollImmediate(250*time.Millisecond, mpn.ProvisionerTimeout, func() (bool, error) {
                    		current := &tenancyv1alpha1.VirtualCluster{}
                    		if err := mpn.Get(ctx, types.NamespacedName{Namespace: vc.Namespace, Name: vc.Name}, current); apierrors.IsNotFound(err) || (err == nil && current.DeletionTimestamp != nil) {
                    			return false, deleting
                    		}
                    		sts := &appsv1.StatefulSet{}
                    		if err := mpn.Get(ctx, types.NamespacedName{Namespace: ns, Name: name}, sts); err != nil {
                    			if apierrors.IsNotFound(err) {
                    				return false, nil
                    			}
                    			return false, err
                    		}
                    		return sts.Spec.Replicas != nil && sts.Status.ReadyReplicas == *sts.Spec.Replicas, nil
                    	})
                    	if err == deleting {
                    		return err
                    	}
                    	if err != nil {
                    		return fmt.Errorf("%s/%s is not ready in %d seconds: %w", ns, name, int64(mpn.ProvisionerTimeout/time.Second), err)
                    	}
                    	return nil
                    }

                    // createOrUpdatePKISecrets creates secrets
                    """,
                    [
                        // VcLab's first form (sessions 15 and 16): without the stop on deletion.
                        """
                        // waitStatefulSetReady waits until every replica of the StatefulSet ns/name is ready, looking every 250 ms (the
                        // manager's cache answers). A StatefulSet the cache does not hold yet is not ready yet.
                        func (mpn *Native) waitStatefulSetReady(ctx context.Context, ns, name string) error {
                        	err := wait.PollImmediate(250*time.Millisecond, mpn.ProvisionerTimeout, func() (bool, error) {
                        		sts := &appsv1.StatefulSet{}
                        		if err := mpn.Get(ctx, types.NamespacedName{Namespace: ns, Name: name}, sts); err != nil {
                        			if apierrors.IsNotFound(err) {
                        				return false, nil
                        			}
                        			return false, err
                        		}
                        		return sts.Spec.Replicas != nil && sts.Status.ReadyReplicas == *sts.Spec.Replicas, nil
                        	})
                        	if err != nil {
                        		return fmt.Errorf("%s/%s is not ready in %d seconds: %w", ns, name, int64(mpn.ProvisionerTimeout/time.Second), err)
                        	}
                        	return nil
                        }

                        // createOrUpdatePKISecrets creates secrets
                        """,
                    ]),
            ]),
        new(
            "webhook-key-size",
            "pkg/webhook/virtualcluster/virtualcluster_webhook.go",
            "VcLab's, for speed: the webhook's own CA and serving certificate get 2048-bit RSA keys, as kubeadm's do (upstream: 4096 bits, two keys made at every vc-manager start before its webhook serves, 4.6 s of it on the 2-core lab)",
            [
                new("caPrvKey, err := rsa.GenerateKey(rand.Reader, 4096)", "caPrvKey, err := rsa.GenerateKey(rand.Reader, 2048)"),
                new("certPrvKey, err := rsa.GenerateKey(rand.Reader, 4096)", "certPrvKey, err := rsa.GenerateKey(rand.Reader, 2048)"),
            ]),
    ];
}
