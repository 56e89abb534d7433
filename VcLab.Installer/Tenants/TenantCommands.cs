using System.Globalization;
using VcLab.Installer.Kubernetes;
using VcLab.Installer.Options;

namespace VcLab.Installer.Tenants;

/// <summary>
/// The installer's <c>tenant</c> commands, the way vcluster's users work with virtual clusters: create (ClusterVersion,
/// VirtualCluster to Running, kubeconfig, DNS), list, kubeconfig, delete, pause and resume. They work on any super
/// cluster with VirtualCluster installed; a tenant this installer did not create is named as such and is not deleted,
/// paused or resumed unless the user says so (<c>--force</c>). Exit codes: 0 done, 1 the cluster says no, 2 bad input, 130 stopped by Ctrl+C.
/// </summary>
internal sealed class TenantCommands(
    InstallerSettings settings, IClusterConnection connection, VirtualClusters tenants, ITenantCreation creation, IClusterVersions clusterVersions, TenantPause pause, TimeProvider time, TextWriter output)
{
    /// <summary>Runs the command; what cannot be done is written to <paramref name="error"/>, the exit code says which kind it was.</summary>
    public async Task<int> RunWithExitCodeAsync(TenantCommand command, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            return await RunAsync(command, cancellationToken);
        }
        catch (TenantCommandException exception)
        {
            error.WriteLine(exception.Message);
            return exception.ExitCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            error.WriteLine(Cancelled(command));
            return ExitCodes.Interrupted;
        }
        catch (Exception exception) when (exception is KubeconfigException or HttpRequestException or TimeoutException or InvalidOperationException or k8s.Autorest.HttpOperationException)
        {
            error.WriteLine($"tenant {command.Word}{(command.Name is null ? string.Empty : $" {command.Name}")} failed: {exception.Message}");
            return 1;
        }
    }

    /// <summary>What a command stopped part-way (Ctrl+C) has left, and how to finish it.</summary>
    internal static string Cancelled(TenantCommand command) => $"tenant {command.Word} was cancelled; " + command.Verb switch
    {
        TenantVerb.Create => "what it had created was removed again. Run it again to create the tenant.",
        TenantVerb.Delete => "what it had deleted goes on being deleted on the super cluster. Run it again to finish.",
        TenantVerb.Pause => $"the tenant may be paused only in part. Run it again to finish, or 'tenant resume {command.Name}' to bring it back.",
        TenantVerb.Resume => "its control plane may be only partly back. Run it again to finish.",
        TenantVerb.List or TenantVerb.Kubeconfig => "run it again.",
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.Verb, "not a tenant verb"),
    };

    private TenantOptions Tenant => settings.Tenant;

    private Ownership Owner => Ownership.Of(settings);

    private TimeSpan Timeout => TimeSpan.FromSeconds(Tenant.TimeoutSeconds);

    public async Task<int> RunAsync(TenantCommand command, CancellationToken cancellationToken)
    {
        if (!await tenants.InstalledAsync(cancellationToken))
        {
            throw new TenantCommandException(
                $"VirtualCluster is not installed on the super cluster at {connection.Server} (no {Manifests.CustomResourceDefinitions.VirtualClusters} CRD): run the installer first.");
        }

        switch (command.Verb)
        {
            case TenantVerb.Create:
                await CreateAsync(command.Name!, cancellationToken);
                break;
            case TenantVerb.List:
                await ListAsync(cancellationToken);
                break;
            case TenantVerb.Kubeconfig:
                await KubeconfigAsync(await ExistingAsync(command.Name!, running: true, cancellationToken), command.Output, cancellationToken);
                break;
            case TenantVerb.Delete:
                await DeleteAsync(command, cancellationToken);
                break;
            case TenantVerb.Pause:
                var toPause = Mine(await ExistingAsync(command.Name!, running: true, cancellationToken), command.Force, TenantVerb.Pause);
                await pause.PauseAsync(toPause, Timeout, cancellationToken);
                output.WriteLine($"Tenant {toPause.Namespace}/{toPause.Name} is paused: its API server and controller manager are stopped, and so are its pods on the super cluster (etcd keeps its data). 'tenant resume {toPause.Name}' brings it back.");
                break;
            case TenantVerb.Resume:
                var toResume = Mine(await ExistingAsync(command.Name!, running: false, cancellationToken), command.Force, TenantVerb.Resume);
                await pause.ResumeAsync(toResume, Timeout, cancellationToken);
                output.WriteLine($"Tenant {toResume.Namespace}/{toResume.Name} is running again; the syncer starts its pods on the super cluster anew.");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(command), command.Verb, "not a tenant verb");
        }

        return 0;
    }

    private async Task CreateAsync(string name, CancellationToken cancellationToken)
    {
        if (await tenants.SummaryAsync(Tenant.Namespace, name, cancellationToken) is { } existing)
        {
            if (existing.Deleting)
            {
                throw new TenantCommandException($"Tenant {existing.Namespace}/{existing.Name} is being deleted: wait until it is gone, then create it again.");
            }

            if (!Owner.Owns(existing.Labels))
            {
                throw new TenantCommandException($"The name {name} is taken: VirtualCluster {existing.Namespace}/{name} was created by {Ownership.Maker(existing.Labels)}, not by this installer. Choose another name.");
            }
        }

        var (images, detected) = await clusterVersions.ImagesForAsync(Tenant, cancellationToken);
        await clusterVersions.ApplyAsync(ClusterVersionManifest.Create(Tenant.ClusterVersion, images, Owner, Tenant.ApiServerRuntimeConfig), Owner.ManagedBy, dryRun: false, cancellationToken);
        var (tenant, outcome, dnsImage) = await creation.CreateAsync(
            new TenantRequest(Tenant.Namespace, name, Tenant.ClusterVersion, settings.TenantKubeconfigPath, Owner, Tenant.CoreDnsImage), Timeout, cancellationToken,
            onPhase: phase => output.WriteLine($"  {phase.Name} ({phase.At.TotalSeconds:F0} s)"));
        output.WriteLine(
            $"Tenant {tenant.Namespace}/{tenant.Name} is {(outcome == ApplyOutcome.Created ? "created and " : "already ")}Running " +
            $"(ClusterVersion {Tenant.ClusterVersion}, images {(detected ? "of the super cluster's control plane" : "from the settings")}; DNS with {dnsImage}).");
        output.WriteLine($"Its kubeconfig: {tenant.KubeconfigPath}{Environment.NewLine}  kubectl --kubeconfig {tenant.KubeconfigPath} get namespaces");
    }

    private async Task ListAsync(CancellationToken cancellationToken)
    {
        var all = await tenants.ListAsync(cancellationToken);
        output.WriteLine($"{"NAME",-24} {"NAMESPACE",-16} {"PHASE",-10} {"AGE",-6} {"CREATED BY",-30} KUBECONFIG");
        foreach (var tenant in all.OrderBy(tenant => tenant.Namespace, StringComparer.Ordinal).ThenBy(tenant => tenant.Name, StringComparer.Ordinal))
        {
            var phase = tenant.Deleting ? "Deleting" : tenant.Paused ? "Paused" : tenant.Phase is { Length: > 0 } known ? known : "Pending";
            var maker = Owner.Owns(tenant.Labels) ? "this installer" : Ownership.Maker(tenant.Labels);
            var kubeconfig = KubeconfigPathOf(tenant.Name);
            output.WriteLine($"{tenant.Name,-24} {tenant.Namespace,-16} {phase,-10} {Age(tenant.Created),-6} {maker,-30} {(File.Exists(kubeconfig) ? kubeconfig : "-")}");
        }

        if (all.Count == 0)
        {
            output.WriteLine("(no tenants: 'tenant create NAME' makes one)");
        }
    }

    private async Task KubeconfigAsync(TenantSummary tenant, string? path, CancellationToken cancellationToken)
    {
        var file = InstallerSettings.ExpandHome(path ?? KubeconfigPathOf(tenant.Name));
        OwnerOnlyFile.Write(file, await tenants.KubeconfigAsync(tenant, cancellationToken));
        output.WriteLine($"Wrote the kubeconfig of tenant {tenant.Namespace}/{tenant.Name} to {file} (mode 0600). Use it with:");
        output.WriteLine($"  export KUBECONFIG={file}{Environment.NewLine}  kubectl get namespaces");
    }

    private async Task DeleteAsync(TenantCommand command, CancellationToken cancellationToken)
    {
        var name = command.Name!;
        if (await tenants.SummaryAsync(Tenant.Namespace, name, cancellationToken) is { } tenant)
        {
            // One being deleted already (a deletion that was stopped) is followed to its end like any other.
            Mine(tenant, command.Force, TenantVerb.Delete);
        }

        // Without its VirtualCluster, the namespaces of a deletion that was stopped are followed to their end; none: no such tenant.
        if (!await tenants.DeleteAsync(Tenant.Namespace, name, Timeout, cancellationToken))
        {
            throw NoSuchTenant(name);
        }

        var kubeconfig = KubeconfigPathOf(name);
        if (File.Exists(kubeconfig))
        {
            File.Delete(kubeconfig);
        }

        output.WriteLine($"Tenant {Tenant.Namespace}/{name} is deleted, with its namespaces and pods on the super cluster.");
    }

    private async Task<TenantSummary> ExistingAsync(string name, bool running, CancellationToken cancellationToken)
    {
        var tenant = await tenants.SummaryAsync(Tenant.Namespace, name, cancellationToken)
            ?? throw NoSuchTenant(name);
        if (tenant.Deleting)
        {
            throw new TenantCommandException($"Tenant {tenant.Namespace}/{name} is being deleted.");
        }

        return running && tenant.Phase != "Running"
            ? throw new TenantCommandException($"Tenant {tenant.Namespace}/{name} is not Running (phase '{tenant.Phase}'{(tenant.Paused ? ", paused: 'tenant resume' first" : string.Empty)}).")
            : tenant;
    }

    private TenantCommandException NoSuchTenant(string name) =>
        new($"There is no tenant {name} in namespace {Tenant.Namespace} ('tenant list' shows them all; VirtualCluster:Tenant:Namespace names the namespace).");

    private TenantSummary Mine(TenantSummary tenant, bool force, TenantVerb verb) =>
        Owner.Owns(tenant.Labels) || force
            ? tenant
            : throw new TenantCommandException(
                $"Tenant {tenant.Namespace}/{tenant.Name} was created by {Ownership.Maker(tenant.Labels)}, not by this installer: not doing '{TenantCommand.Of(verb)}' on it. Add --force if it is yours to {TenantCommand.Of(verb)}.");

    /// <summary>Where this installer keeps a tenant's kubeconfig: VirtualCluster:Tenant:KubeconfigPath for its tenant, else the config folder.</summary>
    private string KubeconfigPathOf(string name) =>
        name == Tenant.Name ? settings.TenantKubeconfigPath : InstallerSettings.ExpandHome(Path.Combine(settings.VirtualCluster.ConfigDir, $"{name}.kubeconfig"));

    private string Age(DateTimeOffset? created)
    {
        if (created is null)
        {
            return "-";
        }

        var age = time.GetUtcNow() - created.Value;
        return age.TotalDays >= 1 ? $"{(int)age.TotalDays}d" : age.TotalHours >= 1 ? $"{(int)age.TotalHours}h" : age.TotalMinutes >= 1 ? $"{(int)age.TotalMinutes}m" : string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalSeconds}s");
    }
}
