using k8s;
using k8s.Models;
using VcLab.Hosting.SuperCluster;

namespace VcLab.Tests.SuperCluster;

/// <summary>The control plane's static pod manifests, read back as the kubelet reads them.</summary>
public sealed class ControlPlanePodsTests
{
    private static readonly ClusterNode ControlPlane = new("lab-control-plane", "container", "172.30.0.2", NodeRole.ControlPlane, 0);

    [Fact]
    public void For_TheFourComponents_KubeadmsLabelsAndLayout_InTheHostNetwork_FromTheGivenImage()
    {
        var pods = ControlPlanePods.For(ControlPlane, "vclab/control-plane:abc").ToDictionary(pod => pod.Path, pod => KubernetesYaml.Deserialize<V1Pod>(pod.Manifest));

        Assert.Equal(
            ["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler"],
            pods.Keys.Select(path => Path.GetFileNameWithoutExtension(path)).Order());
        Assert.All(pods, entry =>
        {
            var (path, pod) = (entry.Key, entry.Value);
            var component = Path.GetFileNameWithoutExtension(path);
            Assert.Equal($"/etc/kubernetes/manifests/{component}.yaml", path);
            Assert.Equal("kube-system", pod.Metadata.NamespaceProperty);
            Assert.Equal(component, pod.Metadata.Labels["component"]);
            Assert.Equal("control-plane", pod.Metadata.Labels["tier"]);
            Assert.True(pod.Spec.HostNetwork);
            var container = Assert.Single(pod.Spec.Containers);
            Assert.Equal("vclab/control-plane:abc", container.Image);
            Assert.Equal(component, container.Command[0]);
            Assert.All(container.VolumeMounts, mount => Assert.Contains(pod.Spec.Volumes, volume => volume.Name == mount.Name && volume.HostPath.Path == mount.MountPath));
        });
    }

    [Fact]
    public void For_EachComponent_MountsWhatItsCommandLineReads_OnlyEtcdWritable()
    {
        var pods = ControlPlanePods.For(ControlPlane, "image").Select(pod => KubernetesYaml.Deserialize<V1Pod>(pod.Manifest)).ToDictionary(pod => pod.Metadata.Name);

        static IEnumerable<string> Mounted(V1Pod pod) => pod.Spec.Containers[0].VolumeMounts.Select(mount => mount.MountPath);
        Assert.Equal(["/var/lib/etcd"], Mounted(pods["etcd"]));
        Assert.False(pods["etcd"].Spec.Containers[0].VolumeMounts[0].ReadOnlyProperty);
        Assert.Contains("--data-dir=/var/lib/etcd", pods["etcd"].Spec.Containers[0].Command);
        Assert.Equal(["/etc/kubernetes/pki"], Mounted(pods["kube-apiserver"]));
        Assert.Equal(["/etc/kubernetes/pki", "/etc/kubernetes/controller-manager.conf"], Mounted(pods["kube-controller-manager"]));
        Assert.Equal(["/etc/kubernetes/scheduler.conf"], Mounted(pods["kube-scheduler"]));
        Assert.All(pods.Values.Where(pod => pod.Metadata.Name != "etcd").SelectMany(pod => pod.Spec.Containers[0].VolumeMounts), mount => Assert.True(mount.ReadOnlyProperty));
        Assert.Contains($"--advertise-address={ControlPlane.Address}", pods["kube-apiserver"].Spec.Containers[0].Command);
    }

    [Fact]
    public void For_TheControllerManager_AsksTheApiFasterThanV120sDefault_SoItsControllersStartWithoutWaiting()
    {
        // Given the controller-manager's static pod
        var command = ControlPlanePods.For(ControlPlane, "image").Select(pod => KubernetesYaml.Deserialize<V1Pod>(pod.Manifest))
            .Single(pod => pod.Metadata.Name == "kube-controller-manager").Spec.Containers[0].Command;

        // Then it may send 100 requests a second in bursts of 200 (v1.20's 20 held its thirty controllers' start back 3.3 s),
        // each flag once
        Assert.Single(command, "--kube-api-qps=100");
        Assert.Single(command, "--kube-api-burst=200");
        Assert.Single(command, "--use-service-account-credentials=true");
    }
}
