using VcLab.Installer.Hosts;

namespace VcLab.Tests.Installer.Stages;

/// <summary>
/// Both the build host and the control plane are this machine (real shells, in the test's own folders): a stage's
/// decisions about tars are tested without a cluster. The same stages run on the lab's hosts in the functional tests.
/// </summary>
internal sealed class LocalHostAccess : IHostAccess
{
    public string PrivateKeyPath => "/nonexistent/id_ecdsa";

    public string ControlPlaneAddress => "localhost";

    public Task<IHostShell> BuildHostAsync(CancellationToken cancellationToken) => Task.FromResult<IHostShell>(ProcessShell.Local());

    public Task<IHostShell> ControlPlaneAsync(CancellationToken cancellationToken) => Task.FromResult<IHostShell>(ProcessShell.Local());
}
