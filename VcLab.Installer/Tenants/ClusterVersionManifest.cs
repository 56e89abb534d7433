using System.Text.Json;
using k8s;
using VcLab.Installer.Kubernetes;
using VcLab.Installer.Kubernetes.Tenancy;

namespace VcLab.Installer.Tenants;

/// <summary>
/// A ClusterVersion as upstream's <c>config/sampleswithspec/clusterversion_v1_nodeport.yaml</c> writes it (etcd,
/// kube-apiserver and kube-controller-manager StatefulSets; the API server behind a NodePort Service), with the given
/// images, <c>IfNotPresent</c> for side-loaded images, and what a small tenant needs, measured with <c>bench tenants</c>:
/// <list type="bullet">
/// <item>Readiness is probed from the container's start, every second (the sample waits 5 to 15 s first): upstream's
/// native provisioner creates the three one after another, each once the one before is ready, so those delays added up
/// to half a tenant's start. Liveness keeps the sample's patience.</item>
/// <item>etcd's health is asked by the kubelet itself over HTTP, on etcd's metrics listener (<c>/health</c>, as kubeadm
/// probes its etcd), not by running <c>etcdctl</c> in the container: an exec probe every second is a runc exec, a Go
/// process's start and a TLS handshake per tenant per second, which ten tenants on two cores could not afford.</item>
/// <item>etcd's data is in an emptyDir (<c>/var/lib/etcd</c>), not in the container's own layer as in the sample: the
/// layer is thrown away when the container restarts (its liveness probe, an out-of-memory kill), and the tenant's
/// objects with it; an emptyDir lives as long as the pod. On the lab it also takes the two 64 MB WAL files etcd
/// preallocates out of memory (a node's container storage is a tmpfs there: 123 MiB of each tenant's 322, measured with
/// <c>bench tenants</c>). <c>--snapshot-count=10000</c> bounds the raft log it keeps in memory.</item>
/// <item>The API server serves the API groups of its version's defaults (the sample's <c>--runtime-config=api/all</c>
/// turned on every alpha API, 70 MiB more), plus a <c>--runtime-config</c> when given (<see cref="Options.TenantOptions.ApiServerRuntimeConfig"/>); it runs with
/// <c>GOGC=50</c>, a heap at most half again its live size (about 30 MiB less, for a little more CPU).</item>
/// <item>Each of the three is given 5 s to stop (the sample: 30): etcd and the API server stop within a second of
/// SIGTERM, v1.20's controller-manager was seen to wait out the whole grace period, and the super
/// cluster's namespace controller waits out the longest grace period of a namespace's pods before it looks again, so a
/// tenant's deletion took half a minute longer.</item>
/// </list>
/// A zero is left out rather than written: vc-manager writes the object back through Go types that drop zeros, and the
/// next run would see a change.
/// </summary>
public static class ClusterVersionManifest
{
    public static V1Alpha1ClusterVersion Create(string name, TenantImages images, Ownership owner, string? runtimeConfig = null) => KubernetesJson.Deserialize<V1Alpha1ClusterVersion>($$"""
        {
          "apiVersion": "tenancy.x-k8s.io/v1alpha1",
          "kind": "ClusterVersion",
          "metadata": { "name": {{Text(name)}}, "labels": { "{{Ownership.ManagedByLabel}}": {{Text(owner.ManagedBy)}}, "{{Ownership.InstanceLabel}}": {{Text(owner.Instance)}} } },
          "spec": {
            "etcd": {
              "metadata": { "name": "etcd" },
              "statefulset": {
                "apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": { "name": "etcd" },
                "spec": {
                  "replicas": 1, "revisionHistoryLimit": 10, "serviceName": "etcd",
                  "selector": { "matchLabels": { "component-name": "etcd" } },
                  "updateStrategy": { "type": "OnDelete" },
                  "template": {
                    "metadata": { "labels": { "component-name": "etcd" } },
                    "spec": {
                      "subdomain": "etcd", "terminationGracePeriodSeconds": 5,
                      "containers": [{
                        "name": "etcd", "image": {{Text(images.Etcd)}}, "imagePullPolicy": "IfNotPresent", "command": ["etcd"],
                        "env": [{ "name": "HOSTNAME", "valueFrom": { "fieldRef": { "fieldPath": "metadata.name" } } }],
                        "args": [
                          "--name=$(HOSTNAME)", "--trusted-ca-file=/etc/kubernetes/pki/root/tls.crt", "--client-cert-auth",
                          "--cert-file=/etc/kubernetes/pki/etcd/tls.crt", "--key-file=/etc/kubernetes/pki/etcd/tls.key", "--peer-client-cert-auth",
                          "--peer-trusted-ca-file=/etc/kubernetes/pki/root/tls.crt", "--peer-cert-file=/etc/kubernetes/pki/etcd/tls.crt",
                          "--peer-key-file=/etc/kubernetes/pki/etcd/tls.key", "--listen-peer-urls=https://0.0.0.0:2380",
                          "--listen-client-urls=https://0.0.0.0:2379", "--initial-advertise-peer-urls=https://$(HOSTNAME).etcd:2380",
                          "--advertise-client-urls=https://$(HOSTNAME).etcd:2379", "--initial-cluster-state=new",
                          "--initial-cluster-token=vc-etcd", "--data-dir=/var/lib/etcd/data", "--snapshot-count=10000",
                          "--listen-metrics-urls=http://0.0.0.0:{{EtcdHealthPort}}"
                        ],
                        "livenessProbe": { "httpGet": {{EtcdHealth}}, "failureThreshold": 8, "initialDelaySeconds": 60, "timeoutSeconds": 15 },
                        "readinessProbe": { "httpGet": {{EtcdHealth}}, "failureThreshold": 8, "periodSeconds": 1, "timeoutSeconds": 15 },
                        "volumeMounts": [
                          { "mountPath": "/etc/kubernetes/pki/etcd", "name": "etcd-ca", "readOnly": true },
                          { "mountPath": "/etc/kubernetes/pki/root", "name": "root-ca", "readOnly": true },
                          { "mountPath": "/var/lib/etcd", "name": "{{EtcdDataVolume}}" }
                        ]
                      }],
                      "volumes": [{{Secret("etcd-ca")}}, {{Secret("root-ca")}}, { "name": "{{EtcdDataVolume}}", "emptyDir": {} }]
                    }
                  }
                }
              },
              "service": {
                "apiVersion": "v1", "kind": "Service", "metadata": { "name": "etcd" },
                "spec": { "publishNotReadyAddresses": true, "type": "ClusterIP", "clusterIP": "None", "selector": { "component-name": "etcd" } }
              }
            },
            "apiServer": {
              "metadata": { "name": "apiserver" },
              "statefulset": {
                "apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": { "name": "apiserver" },
                "spec": {
                  "replicas": 1, "revisionHistoryLimit": 10, "serviceName": "apiserver-svc",
                  "selector": { "matchLabels": { "component-name": "apiserver" } },
                  "updateStrategy": { "type": "OnDelete" },
                  "template": {
                    "metadata": { "labels": { "component-name": "apiserver" } },
                    "spec": {
                      "hostname": "apiserver", "subdomain": "apiserver-svc",
                      "containers": [{
                        "name": "apiserver", "image": {{Text(images.ApiServer)}}, "imagePullPolicy": "IfNotPresent", "command": ["kube-apiserver"],
                        "args": [
                          "--bind-address=0.0.0.0", "--allow-privileged=true", "--anonymous-auth=true",
                          "--client-ca-file=/etc/kubernetes/pki/root/tls.crt", "--tls-cert-file=/etc/kubernetes/pki/apiserver/tls.crt",
                          "--tls-private-key-file=/etc/kubernetes/pki/apiserver/tls.key", "--kubelet-client-certificate=/etc/kubernetes/pki/apiserver/tls.crt",
                          "--kubelet-client-key=/etc/kubernetes/pki/apiserver/tls.key", "--enable-bootstrap-token-auth=true",
                          "--etcd-servers=https://etcd-0.etcd:2379", "--etcd-cafile=/etc/kubernetes/pki/root/tls.crt",
                          "--etcd-certfile=/etc/kubernetes/pki/apiserver/tls.crt", "--etcd-keyfile=/etc/kubernetes/pki/apiserver/tls.key",
                          "--service-account-issuer=api", "--service-account-signing-key-file=/etc/kubernetes/pki/service-account/tls.key",
                          "--service-account-key-file=/etc/kubernetes/pki/service-account/tls.key", "--service-cluster-ip-range=10.32.0.0/16",
                          "--service-node-port-range=30000-32767", "--authorization-mode=Node,RBAC",{{RuntimeConfig(runtimeConfig)}}
                          "--enable-admission-plugins=NamespaceLifecycle,NodeRestriction,LimitRanger,ServiceAccount,DefaultStorageClass,ResourceQuota",
                          "--apiserver-count=1", "--enable-aggregator-routing=true", "--requestheader-client-ca-file=/etc/kubernetes/pki/root/tls.crt",
                          "--requestheader-allowed-names=front-proxy-client", "--requestheader-username-headers=X-Remote-User",
                          "--requestheader-group-headers=X-Remote-Group", "--requestheader-extra-headers-prefix=X-Remote-Extra-",
                          "--proxy-client-key-file=/etc/kubernetes/pki/frontproxy/tls.key", "--proxy-client-cert-file=/etc/kubernetes/pki/frontproxy/tls.crt", "--v=2"
                        ],
                        "env": [{ "name": "GOGC", "value": "50" }],
                        "ports": [{ "containerPort": 6443, "protocol": "TCP", "name": "api" }],
                        "livenessProbe": { "tcpSocket": { "port": 6443 }, "failureThreshold": 8, "initialDelaySeconds": 15, "periodSeconds": 10, "timeoutSeconds": 15 },
                        "readinessProbe": { "httpGet": { "port": 6443, "path": "/healthz", "scheme": "HTTPS" }, "failureThreshold": 8, "periodSeconds": 1, "timeoutSeconds": 30 },
                        "volumeMounts": [
                          { "mountPath": "/etc/kubernetes/pki/apiserver", "name": "apiserver-ca", "readOnly": true },
                          { "mountPath": "/etc/kubernetes/pki/frontproxy", "name": "front-proxy-ca", "readOnly": true },
                          { "mountPath": "/etc/kubernetes/pki/root", "name": "root-ca", "readOnly": true },
                          { "mountPath": "/etc/kubernetes/pki/service-account", "name": "serviceaccount-rsa", "readOnly": true }
                        ]
                      }],
                      "securityContext": {}, "terminationGracePeriodSeconds": 5,
                      "dnsConfig": { "searches": ["cluster.local"] },
                      "volumes": [{{Secret("apiserver-ca")}}, {{Secret("root-ca")}}, {{Secret("front-proxy-ca")}}, {{Secret("serviceaccount-rsa")}}]
                    }
                  }
                }
              },
              "service": {
                "apiVersion": "v1", "kind": "Service", "metadata": { "name": "apiserver-svc" },
                "spec": { "selector": { "component-name": "apiserver" }, "type": "NodePort", "ports": [{ "port": 6443, "protocol": "TCP", "targetPort": "api" }] }
              }
            },
            "controllerManager": {
              "metadata": { "name": "controller-manager" },
              "statefulset": {
                "apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": { "name": "controller-manager" },
                "spec": {
                  "serviceName": "controller-manager-svc", "replicas": 1,
                  "selector": { "matchLabels": { "component-name": "controller-manager" } },
                  "updateStrategy": { "type": "OnDelete" },
                  "template": {
                    "metadata": { "labels": { "component-name": "controller-manager" } },
                    "spec": {
                      "terminationGracePeriodSeconds": 5,
                      "containers": [{
                        "name": "controller-manager", "image": {{Text(images.ControllerManager)}}, "imagePullPolicy": "IfNotPresent", "command": ["kube-controller-manager"],
                        "args": [
                          "--bind-address=0.0.0.0", "--cluster-cidr=10.200.0.0/16", "--cluster-signing-cert-file=/etc/kubernetes/pki/root/tls.crt",
                          "--cluster-signing-key-file=/etc/kubernetes/pki/root/tls.key", "--kubeconfig=/etc/kubernetes/kubeconfig/controller-manager-kubeconfig",
                          "--authorization-kubeconfig=/etc/kubernetes/kubeconfig/controller-manager-kubeconfig",
                          "--authentication-kubeconfig=/etc/kubernetes/kubeconfig/controller-manager-kubeconfig", "--leader-elect=false",
                          "--root-ca-file=/etc/kubernetes/pki/root/tls.crt", "--service-account-private-key-file=/etc/kubernetes/pki/service-account/tls.key",
                          "--service-cluster-ip-range=10.32.0.0/24", "--use-service-account-credentials=true",
                          "--experimental-cluster-signing-duration=87600h", "--node-monitor-grace-period=200s", "--controllers=*,-nodelifecycle", "--v=2"
                        ],
                        "livenessProbe": { "httpGet": { "path": "/healthz", "port": 10252, "scheme": "HTTP" }, "failureThreshold": 8, "initialDelaySeconds": 15, "periodSeconds": 10, "timeoutSeconds": 15 },
                        "readinessProbe": { "httpGet": { "port": 10252, "path": "/healthz", "scheme": "HTTP" }, "failureThreshold": 8, "periodSeconds": 1, "timeoutSeconds": 15 },
                        "volumeMounts": [
                          { "mountPath": "/etc/kubernetes/pki/root", "name": "root-ca", "readOnly": true },
                          { "mountPath": "/etc/kubernetes/pki/service-account", "name": "serviceaccount-rsa", "readOnly": true },
                          { "mountPath": "/etc/kubernetes/kubeconfig", "name": "kubeconfig", "readOnly": true }
                        ]
                      }],
                      "volumes": [{{Secret("root-ca")}}, {{Secret("serviceaccount-rsa")}}, {{Secret("kubeconfig", "controller-manager-kubeconfig")}}]
                    }
                  }
                }
              }
            }
          }
        }
        """);

    /// <summary>etcd's plain-HTTP listener for <c>/health</c> and <c>/metrics</c> (kubeadm's port; no data is served there).</summary>
    public const int EtcdHealthPort = 2381;

    /// <summary>The etcd pod's volume for its data: an emptyDir, which outlives a restart of the container.</summary>
    public const string EtcdDataVolume = "etcd-data";

    private static readonly string EtcdHealth = $$"""{ "path": "/health", "port": {{EtcdHealthPort}}, "scheme": "HTTP" }""";

    private static string RuntimeConfig(string? value) =>
        string.IsNullOrEmpty(value) ? string.Empty : $" {JsonSerializer.Serialize($"--runtime-config={value}")},";

    /// <summary>A value written into the JSON as a string literal (quotes and backslashes escaped).</summary>
    private static string Text(string value) => JsonSerializer.Serialize(value);

    private static string Secret(string name, string? secretName = null) =>
        $$"""{ "name": {{Text(name)}}, "secret": { "defaultMode": 420, "secretName": "{{secretName ?? name}}" } }""";
}
