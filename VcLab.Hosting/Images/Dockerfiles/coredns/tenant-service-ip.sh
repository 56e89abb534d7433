#!/bin/sh
# Makes CoreDNS's kubernetes plugin answer a Service's name with the address in its annotation
# transparency.tenancy.x-k8s.io/clusterIP when it has one. VirtualCluster's syncer writes there the ClusterIP the Service
# got on the super cluster, the only one the super cluster's kube-proxy routes; a tenant's own ClusterIP leads nowhere
# (VirtualCluster's doc/tenant-dns.md describes the change for CoreDNS 1.6). A Service without the annotation is answered
# as before, so one image serves the super cluster and its tenants. Run in CoreDNS's source folder; fails if the source
# is not the one expected.
set -eu
file=plugin/kubernetes/object/service.go
perl -0pi -e 's/(\n\tif len\(svc\.Spec\.Ports\) == 0 \{)/\n\tif ip := svc.Annotations["transparency.tenancy.x-k8s.io\/clusterIP"]; ip != "" {\n\t\ts.ClusterIPs = []string{ip}\n\t}\n$1/ or die "tenant-service-ip: the place for the change is not in $ARGV\n"' "$file"
grep -q 'transparency.tenancy.x-k8s.io/clusterIP' "$file"
