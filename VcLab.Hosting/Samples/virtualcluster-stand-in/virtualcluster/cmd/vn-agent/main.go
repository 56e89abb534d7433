package main

import "sigs.k8s.io/cluster-api-provider-nested/virtualcluster/internal/standin"

func main() { standin.Run("vn-agent") }
