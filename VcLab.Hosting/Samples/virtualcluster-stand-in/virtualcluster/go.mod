module sigs.k8s.io/cluster-api-provider-nested/virtualcluster

go 1.16
