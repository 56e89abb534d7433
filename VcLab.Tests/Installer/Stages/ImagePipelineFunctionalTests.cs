using VcLab.Installer.Images;
using VcLab.Installer.Pipeline;
using VcLab.Installer.Stages;
using VcLab.Installer.Waiting;
using VcLab.Tests.Infrastructure;

namespace VcLab.Tests.Installer.Stages;

/// <summary>
/// The image half of the role's mechanics on real containers: source cloned and built in the build container, images
/// saved, fetched to this machine, uploaded to the control plane over SSH, distributed to every worker and imported by
/// ctr. The source is the stand-in (a build of seconds, not VirtualCluster), so these tests stop before deploy-manager;
/// the real components are built, deployed and verified by the lab's own tests (VcLabFixtureFunctionalTests).
/// </summary>
[Collection(SuperClusterCollection.Name)]
public sealed class ImagePipelineFunctionalTests(SuperClusterFixture lab)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Run_FromSource_WholeChain_ThenASecondRunChangesNothing()
    {
        // Given the stand-in source served by the build container
        var settings = Settings("chain");

        // When the image stages run
        var first = await InstallerRunner.RunAsync(settings, skipTags: InstallerRunner.StandInSkips);

        // Then every stage succeeded and every worker holds the three images, pinned
        Assert.True(first.Succeeded, first.ToString());
        Assert.Equal(StageStatus.Changed, first[StageNames.DistributeToWorkers].Status);
        foreach (var worker in lab.Cluster.Workers)
        {
            var listed = await CtrAsync(worker, "images ls");
            foreach (var component in new[] { "manager", "syncer", "vn-agent" })
            {
                var line = Assert.Single(listed.Split('\n'), row => row.StartsWith($"docker.io/virtualcluster/{component}-amd64:{settings["Tag"]} ", StringComparison.Ordinal));
                Assert.Contains("io.cri-containerd.pinned=pinned", line, StringComparison.Ordinal);
            }

            Assert.Equal(string.Empty, (await ShellAsync(worker, "ls /tmp/vc_*-amd64.tar 2>/dev/null || true")).Trim());
        }

        var script = await ShellAsync(lab.Cluster.ControlPlane, $"cat {settings["VirtualCluster:Images:CtrlplaneCacheDir"]}/distribute-images.sh");
        Assert.Contains("ctr -n k8s.io images import", script, StringComparison.Ordinal);

        // And a second run changes nothing
        var second = await InstallerRunner.RunAsync(settings, skipTags: InstallerRunner.StandInSkips);
        Assert.True(second.Succeeded, second.ToString());
        Assert.All(second.Stages, stage => Assert.NotEqual(StageStatus.Changed, stage.Status));
    }

    [Fact]
    public async Task Run_WithImageTarsGiven_BuildsNothing_DistributesThoseImages_ARerunChangesNothing()
    {
        // Given docker-save tars of the three images, made on this machine (no build host involved)
        var settings = Settings("tars");
        var folder = VcLab.Tests.Infrastructure.TestFolders.Create("vclab-given-tars-");
        var ids = new Dictionary<string, string>();
        foreach (var (component, key) in new[] { ("manager", "Manager"), ("syncer", "Syncer"), ("vn-agent", "VnAgent") })
        {
            var image = settings[$"VirtualCluster:Images:{key}"]!;
            await TestImages.StandInAsync(lab.Docker, component, image, Token);
            var tar = Path.Combine(folder, $"{component}.tar");
            await lab.Docker.Images.SaveAsync(image, tar, Token);
            settings[$"VirtualCluster:Images:{key}Tar"] = tar;
            ids[component] = VcLab.Installer.Images.DockerArchive.Read(tar).ImageId;
        }

        // When the installer runs with them
        var run = await InstallerRunner.RunAsync(settings, skipTags: InstallerRunner.StandInSkips);

        // Then nothing is built, the given images reach every worker with their own image IDs, and a rerun changes nothing
        Assert.True(run.Succeeded, run.ToString());
        foreach (var stage in new[] { StageNames.DownloadSource, StageNames.BuildBinaries, StageNames.BuildDockerImages })
        {
            Assert.Equal(StageStatus.Skipped, run[stage].Status);
            Assert.Contains("image tars are given", run[stage].Message, StringComparison.Ordinal);
        }

        Assert.Contains("3 of 3 given tars copied", run[StageNames.FetchImages].Message, StringComparison.Ordinal);
        // (distribution checks on each worker that ctr lists the tar's own image ID, else it fails)
        Assert.Contains($"all {lab.Cluster.Workers.Count() * 3} images imported", run[StageNames.DistributeToWorkers].Message, StringComparison.Ordinal);
        foreach (var worker in lab.Cluster.Workers)
        {
            var listed = await CtrAsync(worker, "images ls");
            Assert.All(ids.Keys, component => Assert.Contains(
                listed.Split('\n'),
                row => row.StartsWith($"docker.io/virtualcluster/{component}-amd64:{settings["Tag"]} ", StringComparison.Ordinal) && row.Contains("io.cri-containerd.pinned=pinned", StringComparison.Ordinal)));
        }

        var rerun = await InstallerRunner.RunAsync(settings, skipTags: InstallerRunner.StandInSkips);
        Assert.True(rerun.Succeeded, rerun.ToString());
        Assert.Equal(0, rerun.Count(StageStatus.Changed));
    }

    [Fact]
    public async Task DownloadSource_CheckoutChangedByHand_IsForcedClean_AndTheRecapSaysSo()
    {
        // Given a checkout made by a run, then a tracked file changed by hand on the build host
        var settings = Settings("dirty");
        var stages = "validate,download-source";
        Assert.True((await InstallerRunner.RunAsync(settings, tags: stages, skipTags: null)).Succeeded);
        var readme = $"{settings["VirtualCluster:Build:SourceDir"]}/virtualcluster/README.md";
        var original = await ShellAsync(lab.BuildContainer, $"cat {readme}");
        await ShellAsync(lab.BuildContainer, $"echo 'edited by hand' >> {readme}");

        // When the installer runs again
        var run = await InstallerRunner.RunAsync(settings, tags: stages, skipTags: null);

        // Then download-source names the file, says it was discarded by a forced clean checkout, and the file is as committed
        var stage = run[StageNames.DownloadSource];
        Assert.Equal(StageStatus.Changed, stage.Status);
        Assert.Contains("had changes made by hand (virtualcluster/README.md", stage.Message, StringComparison.Ordinal);
        Assert.Contains("discarded by a forced clean checkout", stage.Message, StringComparison.Ordinal);
        Assert.Equal(original, await ShellAsync(lab.BuildContainer, $"cat {readme}"));

        // And the next run has nothing to say
        Assert.Equal(StageStatus.Ok, (await InstallerRunner.RunAsync(settings, tags: stages, skipTags: null))[StageNames.DownloadSource].Status);
    }

    [Fact]
    [Fault]
    public async Task FetchImages_ControllerCacheFull_FailsNamingIt_NothingHalfWritten_ARerunWithSpaceCompletes()
    {
        // Given a controller whose image cache folder is too small for the tars (a 100 MB tmpfs)
        var settings = Settings("full");
        var cache = settings["VirtualCluster:Images:LocalCacheDir"]!;
        await MountAsync($"mount -t tmpfs -o size=100m vclab-full-cache '{cache}'");
        try
        {
            // When the images are built and fetched
            var stages = $"{InstallerRunner.StandInSkips},upload-to-ctrlplane,distribute-to-workers";
            var full = await InstallerRunner.RunAsync(settings, skipTags: stages);

            // Then fetch-images fails naming the folder and what to do, and no half-written tar is left in it
            var fetch = full[StageNames.FetchImages];
            Assert.Equal(StageStatus.Failed, fetch.Status);
            Assert.Contains($"could not be written to the controller's image cache {cache}", fetch.Message, StringComparison.Ordinal);
            Assert.Contains("Nothing half-written was kept", fetch.Message, StringComparison.Ordinal);
            Assert.Empty(Directory.GetFiles(cache, "*.partial-*"));
            Assert.Null(LastGoodBundle.DirectoryOf(cache));

            // And with room made, a re-run completes
            await MountAsync($"mount -o remount,size=1g '{cache}'");
            var rerun = await InstallerRunner.RunAsync(settings, skipTags: stages);
            Assert.True(rerun.Succeeded, rerun.ToString());
            Assert.Equal(3, Directory.GetFiles(cache, "vc_*-amd64.tar").Length);
        }
        finally
        {
            await MountAsync($"umount '{cache}' || true");
        }
    }

    [Fact]
    [Fault]
    public async Task Run_TwoControllersAtOnce_EachBuildAndImportHappensOnce_TheOtherReusesIt()
    {
        // Given two controllers (each with its own cache) sharing the build host and the super cluster
        var first = Settings("twins");
        var second = new Dictionary<string, string?>(first)
        {
            ["VirtualCluster:Images:LocalCacheDir"] = VcLab.Tests.Infrastructure.TestFolders.Create("vclab-cache-"),
        };

        // When both run the role at the same moment
        var runs = await Task.WhenAll(InstallerRunner.RunAsync(first, skipTags: InstallerRunner.StandInSkips), InstallerRunner.RunAsync(second, skipTags: InstallerRunner.StandInSkips));

        // Then both succeed, the binaries were built once, and each worker imported each image once in all
        Assert.All(runs, run => Assert.True(run.Succeeded, run.ToString()));
        Assert.Single(runs, run => run[StageNames.BuildBinaries].Status == StageStatus.Changed);
        var imports = runs.Sum(run => System.Text.RegularExpressions.Regex.Match(run[StageNames.DistributeToWorkers].Message, "([0-9]+)( of [0-9]+)? images imported") is { Success: true } match
            ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
            : 0);
        Assert.Equal(3 * lab.Cluster.Workers.Count(), imports);
    }

    [Fact]
    [Fault]
    public async Task Distribute_WorkerUnreachable_NamesIt_OthersDone_ReRunCompletes()
    {
        // Given one worker whose sshd is down
        var settings = Settings("outage");
        var down = lab.Cluster.Workers.Last();
        var up = lab.Cluster.Workers.First();
        await ShellAsync(down, "pkill -x sshd || true");
        try
        {
            // When the role runs
            var broken = await InstallerRunner.RunAsync(settings, skipTags: InstallerRunner.StandInSkips);

            // Then distribution fails naming that worker, and the other worker has its images
            var distribute = broken[StageNames.DistributeToWorkers];
            Assert.Equal(StageStatus.Failed, distribute.Status);
            Assert.Contains($"worker {down.Name}:", distribute.Message, StringComparison.Ordinal);
            Assert.DoesNotContain($"worker {up.Name}:", distribute.Message, StringComparison.Ordinal);
            Assert.Contains($"virtualcluster/vn-agent-amd64:{settings["Tag"]}", await CtrAsync(up, "images ls -q"), StringComparison.Ordinal);
        }
        finally
        {
            await ShellAsync(down, "/usr/sbin/sshd -E /var/log/vclab/sshd.log");
        }

        // And once it is back, a re-run completes the job
        var rerun = await InstallerRunner.RunAsync(settings, skipTags: InstallerRunner.StandInSkips);
        Assert.True(rerun.Succeeded, rerun.ToString());
        Assert.Contains($"virtualcluster/vn-agent-amd64:{settings["Tag"]}", await CtrAsync(down, "images ls -q"), StringComparison.Ordinal);
    }

    [Fact]
    [Fault]
    public async Task Upload_CorruptedTar_IsCaughtByTheChecksum_AndNothingIsImported()
    {
        // Given a bundle built once and made the last good one, then one of its tars corrupted on this machine
        var settings = Settings("corrupt");
        var built = await InstallerRunner.RunAsync(settings, skipTags: $"{InstallerRunner.StandInSkips},upload-to-ctrlplane,distribute-to-workers");
        Assert.True(built.Succeeded, built.ToString());
        var cache = settings["VirtualCluster:Images:LocalCacheDir"]!;
        Assert.True(await LastGoodBundle.PromoteAsync(await ImageBundle.ReadAsync(cache, ["manager", "syncer", "vn-agent"], Token), cache, Token));
        var tar = Path.Combine(LastGoodBundle.DirectoryOf(cache)!, "vc_syncer-amd64.tar");
        await using (var file = File.OpenWrite(tar))
        {
            file.Seek(file.Length / 2, SeekOrigin.Begin);
            await file.WriteAsync(Enumerable.Repeat((byte)0xA5, 4096).ToArray(), Token);
        }

        // When the existing images are distributed
        settings["VirtualCluster:Build:FromSource"] = "false";
        var run = await InstallerRunner.RunAsync(settings, skipTags: InstallerRunner.StandInSkips);

        // Then the checksum stops it before anything reaches a node
        Assert.Equal(StageStatus.Failed, run[StageNames.UploadToCtrlplane].Status);
        Assert.Contains("Checksum mismatch for vc_syncer-amd64.tar on this machine", run[StageNames.UploadToCtrlplane].Message, StringComparison.Ordinal);
        Assert.Equal(StageStatus.NotRun, run[StageNames.DistributeToWorkers].Status);
        foreach (var worker in lab.Cluster.Workers)
        {
            Assert.DoesNotContain($"syncer-amd64:{settings["Tag"]}", await CtrAsync(worker, "images ls -q"), StringComparison.Ordinal);
        }
    }

    [Fact]
    [Fault]
    public async Task Distribute_WorkerStoppedInTheMiddle_IsNamed_TheOthersAreDone_AndARerunFinishes()
    {
        // Given new images, and one worker frozen (docker pause: every process stopped) the moment distribution starts
        var settings = Settings("stopped");
        var stopped = lab.Cluster.Workers.Last();
        var log = new TestLogger
        {
            OnMessage = message =>
            {
                if (message == $"Stage {StageNames.DistributeToWorkers} starting")
                {
                    DockerCli("pause", stopped.ContainerId);
                }
            },
        };
        InstallRecap run;
        try
        {
            // When the installer runs
            run = await InstallerRunner.RunAsync(settings, skipTags: InstallerRunner.StandInSkips, log: log);
        }
        finally
        {
            DockerCli("unpause", stopped.ContainerId);
        }

        // Then distribution fails naming that worker and saying how to finish, and every other worker holds the images
        var distribute = run[StageNames.DistributeToWorkers];
        Assert.Equal(StageStatus.Failed, distribute.Status);
        Assert.Contains($"worker {stopped.Name}:", distribute.Message, StringComparison.Ordinal);
        Assert.Contains("run again to finish", distribute.Message, StringComparison.Ordinal);
        foreach (var worker in lab.Cluster.Workers.Where(worker => worker != stopped))
        {
            Assert.Contains($"manager-amd64:{settings["Tag"]}", await CtrAsync(worker, "images ls -q"), StringComparison.Ordinal);
        }

        // And once the worker runs again, a re-run imports there only, and leaves no tar behind
        var rerun = await InstallerRunner.RunAsync(settings, skipTags: InstallerRunner.StandInSkips);
        Assert.True(rerun.Succeeded, rerun.ToString());
        Assert.Contains("3 of 6 images imported", rerun[StageNames.DistributeToWorkers].Message, StringComparison.Ordinal);
        var listed = await CtrAsync(stopped, "images ls");
        foreach (var component in new[] { "manager", "syncer", "vn-agent" })
        {
            Assert.Contains(listed.Split('\n'), row => row.StartsWith($"docker.io/virtualcluster/{component}-amd64:{settings["Tag"]} ", StringComparison.Ordinal) && row.Contains("pinned", StringComparison.Ordinal));
        }

        Assert.Equal(string.Empty, (await ShellAsync(stopped, "ls /tmp/vc_*-amd64.tar 2>/dev/null || true")).Trim());
    }

    [Fact]
    [Fault]
    public async Task Distribute_WorkerHostKeyChanged_IsRefusedNamingTheWorker()
    {
        // Given workers whose host keys the control plane pinned in an earlier run
        var settings = Settings("hostkey");
        Assert.True((await InstallerRunner.RunAsync(settings, skipTags: InstallerRunner.StandInSkips)).Succeeded);
        var worker = lab.Cluster.Workers.First();

        // When that worker's host key changes, and new images must reach it
        await ShellAsync(worker, "rm -f /etc/ssh/ssh_host_* && ssh-keygen -A >/dev/null && pkill -HUP -x sshd");
        try
        {
            settings["VirtualCluster:Images:Manager"] = $"virtualcluster/manager-amd64:{settings["Tag"]}-v2";
            lab.Docker.Track(settings["VirtualCluster:Images:Manager"]!);
            var run = await InstallerRunner.RunAsync(settings, skipTags: InstallerRunner.StandInSkips);

            // Then distribution refuses that worker, by name, and says why
            var distribute = run[StageNames.DistributeToWorkers];
            Assert.Equal(StageStatus.Failed, distribute.Status);
            Assert.Contains($"worker {worker.Name}:", distribute.Message, StringComparison.Ordinal);
            Assert.Contains("Host key verification failed", distribute.Message, StringComparison.Ordinal);
        }
        finally
        {
            await ShellAsync(lab.Cluster.ControlPlane, $"su - {lab.Cluster.SshUser} -c 'ssh-keygen -R {worker.Name} >/dev/null 2>&1' || true");
        }
    }

    [Fact]
    [Fault]
    public async Task BuildBinaries_ExceedsTheBuildTimeout_IsStoppedAndNamed()
    {
        // Given a source whose build never ends
        var repository = "/srv/git/slow-build";
        await ShellAsync(lab.BuildContainer, $"rm -rf {repository} && mkdir -p {repository}/virtualcluster && printf 'build:\\n\\tsleep 300\\n' > {repository}/virtualcluster/Makefile && cd {repository} && git init -q -b main && git add -A && git -c user.name=t -c user.email=t@t commit -q -m slow");
        var settings = Settings("slow");
        settings["VirtualCluster:Build:SourceRepo"] = repository;
        settings["VirtualCluster:Build:SourceDir"] = "/tmp/slow-build";
        settings["VirtualCluster:Build:TimeoutSeconds"] = "3";

        // When it is built
        var run = await InstallerRunner.RunAsync(settings, tags: "download-source,build-binaries", skipTags: null);

        // Then the stage fails naming the timeout, and the build is no longer running
        Assert.Equal(StageStatus.Failed, run[StageNames.BuildBinaries].Status);
        Assert.Contains("exceeded virtualcluster_build_timeout (3 s) and was stopped", run[StageNames.BuildBinaries].Message, StringComparison.Ordinal);
        Assert.Empty(await ProcessesAsync(lab.BuildContainer.ContainerId, "sleep 300", Token));
    }

    [Fact]
    [Fault]
    public async Task BuildBinaries_CtrlCInTheMiddle_StopsTheBuildOnTheBuildHost_ReleasesTheLock_AndARerunCompletes()
    {
        // Given a source whose build takes minutes while a flag file is there, and seconds once it is gone
        var repository = "/srv/git/interrupted-build";
        var flag = $"/tmp/slow-build-flag-{Guid.NewGuid():N}";
        await SlowBuildSourceAsync(repository, flag, seconds: 301);
        var settings = Settings("interrupted");
        settings["VirtualCluster:Build:SourceRepo"] = repository;
        settings["VirtualCluster:Build:SourceDir"] = $"/tmp/interrupted-{settings["Tag"]}";
        settings.Remove("Tag");
        string[] args = ["--VirtualCluster:Enabled=true", "--VirtualCluster:ConfigDir=" + TestFolders.Create("vclab-config-"), "--tags", "download-source,build-binaries",
            .. settings.Select(setting => $"--{setting.Key}={setting.Value}")];

        // When the installer is interrupted (SIGINT, as Ctrl+C sends it) while make runs on the build host
        using (var installer = InstallerProcess.Start(args))
        {
            var output = installer.StandardOutput.ReadToEndAsync(Token);
            var error = installer.StandardError.ReadToEndAsync(Token);
            await Wait.UntilAsync("the build runs on the build host", async token =>
                (await ProcessesAsync(lab.BuildContainer.ContainerId, "sleep 301", token)).Count > 0 ? Wait.Probe.Ready("running") : Wait.Probe.Waiting("not yet"),
                TimeSpan.FromMinutes(2), TimeSpan.FromMilliseconds(500), TimeProvider.System, Token);
            DockerCli("exec", lab.BuildContainer.ContainerId, "true"); // the container answers; now the interrupt
            using (var kill = System.Diagnostics.Process.Start("kill", ["-INT", installer.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(Token);
            }

            await installer.WaitForExitAsync(Token).WaitAsync(TimeSpan.FromMinutes(1), Token);
            Assert.True(installer.ExitCode == 130, $"the interrupted run exited {installer.ExitCode}, not 130 (0: it had finished): {await output}{await error}");
        }

        // Then nothing of that build runs on the build host any more (make, its sleep), and the checkout's lock is free
        await Wait.UntilAsync("the interrupted build is gone from the build host", async token =>
            (await ProcessesAsync(lab.BuildContainer.ContainerId, "sleep 301", token)).Concat(await ProcessesAsync(lab.BuildContainer.ContainerId, "make build", token)).ToList() is { Count: > 0 } left
                ? Wait.Probe.Waiting(string.Join("; ", left)) : Wait.Probe.Ready("gone"),
            TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1), TimeProvider.System, Token);
        Assert.Equal("free", (await ShellAsync(lab.BuildContainer, $"flock -n {settings["VirtualCluster:Build:SourceDir"]}.vclab.lock true && echo free || echo held")).Trim());

        // And a re-run (the build now quick) completes
        await ShellAsync(lab.BuildContainer, $"rm -f {flag}");
        var rerun = await InstallerRunner.RunAsync(settings, tags: "download-source,build-binaries", skipTags: null);
        Assert.True(rerun.Succeeded, rerun.ToString());
        Assert.Equal(StageStatus.Changed, rerun[StageNames.BuildBinaries].Status);
    }

    [Fact]
    [Fault]
    public async Task BuildBinaries_BuildContainerKilledMidBuild_FailsNamingIt_AndARerunCompletes()
    {
        // Given a source whose build takes minutes while a flag file is there (in the build container's /tmp, which a
        // container's restart keeps), and seconds once it is gone
        var repository = "/srv/git/killed-build";
        var flag = $"/tmp/killed-build-flag-{Guid.NewGuid():N}";
        await SlowBuildSourceAsync(repository, flag, seconds: 302);
        var settings = Settings("killed");
        settings["VirtualCluster:Build:SourceRepo"] = repository;
        settings["VirtualCluster:Build:SourceDir"] = $"/tmp/killed-{settings["Tag"]}";
        InstallRecap run;
        try
        {
            // When the build container is killed while make runs in it
            var running = InstallerRunner.RunAsync(settings, tags: "download-source,build-binaries", skipTags: null);
            await Wait.UntilAsync("the build runs in the build container", async token =>
                (await ProcessesAsync(lab.BuildContainer.ContainerId, "sleep 302", token)).Count > 0 ? Wait.Probe.Ready("running") : Wait.Probe.Waiting("not yet"),
                TimeSpan.FromMinutes(2), TimeSpan.FromMilliseconds(500), TimeProvider.System, Token);
            DockerCli("kill", lab.BuildContainer.ContainerId);
            run = await running;
        }
        finally
        {
            DockerCli("start", lab.BuildContainer.ContainerId);
        }

        // Then build-binaries fails naming the build host, and once the container runs again a re-run completes
        var stage = run[StageNames.BuildBinaries];
        Assert.Equal(StageStatus.Failed, stage.Status);
        Assert.Contains($"On {lab.BuildContainer.BuildHost}", stage.Message, StringComparison.Ordinal);
        await ShellAsync(lab.BuildContainer, $"rm -f {flag}");
        var rerun = await InstallerRunner.RunAsync(settings, tags: "download-source,build-binaries", skipTags: null);
        Assert.True(rerun.Succeeded, rerun.ToString());
    }

    [Fact]
    [BadInput]
    public async Task DownloadSource_RepositoryUrlWithAToken_FailsWithoutShowingTheToken()
    {
        // Given a repository address that holds a token, on a server that does not answer
        var settings = Settings("token");
        settings["VirtualCluster:Build:SourceRepo"] = "http://vclab-user:s3cr3t-t0ken@127.0.0.1:9/cluster-api-provider-nested.git";
        var log = new TestLogger();

        // When the source is downloaded
        var run = await InstallerRunner.RunAsync(settings, tags: "download-source", skipTags: null, log: log);

        // Then the stage fails quoting the address without its credentials (git never received them in the address), and
        // the token is in no message and no log line
        var stage = run[StageNames.DownloadSource];
        Assert.Equal(StageStatus.Failed, stage.Status);
        Assert.Contains("http://127.0.0.1:9/cluster-api-provider-nested.git", stage.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-t0ken", stage.Message, StringComparison.Ordinal);
        Assert.NotEmpty(log.Messages);
        Assert.DoesNotContain(log.Messages, message => message.Contains("s3cr3t-t0ken", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DownloadSource_RepositoryThatNeedsCredentials_IsCloned_WithTheTokenInNoProcessArgumentsAndNotInGitConfig()
    {
        // Given the stand-in repository served over HTTP behind a token, and a watcher on the build host that records every
        // process whose arguments hold the token (its own pattern is in a file, so it does not match itself)
        const string Secret = "s3cr3t-t0ken-4-clone";
        var bare = VcLab.Tests.Infrastructure.TestFolders.Create("vclab-git-http-");
        DockerCli("cp", $"{lab.BuildContainer.ContainerId}:{lab.BuildContainer.StandInRepository}/.git", bare);
        await MountAsync($"git -C {bare}/.git update-server-info");
        await using var server = await GitHttpServer.StartAsync($"{bare}/.git", "vclab-user", Secret, TestContext.Current.CancellationToken);
        var gateway = await GatewayAsync(lab.BuildContainer.ContainerId);
        var settings = Settings("credentials");
        settings["VirtualCluster:Build:SourceRepo"] = $"http://vclab-user:{Secret}@{gateway}:{server.Port}/";
        var seen = $"/tmp/seen-{settings["Tag"]}";
        await ShellAsync(lab.BuildContainer, $"printf '%s' '{Secret}' > {seen}.pattern");
        DockerCli("exec", "-d", lab.BuildContainer.ContainerId, "sh", "-c",
            $"while [ ! -f {seen}.stop ]; do for f in /proc/[0-9]*/cmdline; do grep -q -F -f {seen}.pattern $f 2>/dev/null && tr '\\0' ' ' < $f >> {seen}; done; done");

        // When the source is downloaded
        InstallRecap run;
        try
        {
            run = await InstallerRunner.RunAsync(settings, tags: "download-source", skipTags: null);
        }
        finally
        {
            await ShellAsync(lab.BuildContainer, $"touch {seen}.stop");
        }

        // Then the clone went through with the credentials, and the token was in no process's arguments, nor in the
        // checkout's .git/config, nor in the recap
        Assert.True(run.Succeeded, run.ToString());
        Assert.True(server.Authorized > 0, "the server never saw the credentials");
        Assert.Equal(string.Empty, (await ShellAsync(lab.BuildContainer, $"cat {seen} 2>/dev/null || true")).Trim());
        var config = await ShellAsync(lab.BuildContainer, $"cat {settings["VirtualCluster:Build:SourceDir"]}/.git/config");
        Assert.DoesNotContain(Secret, config, StringComparison.Ordinal);
        Assert.Contains($"url = http://{gateway}:{server.Port}/", config, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, run.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    [BadInput]
    public async Task DownloadSource_FolderThatIsNotACheckout_IsRefusedNamingTheSetting_AndNothingInItIsRemoved()
    {
        // Given a folder at virtualcluster_source_dir on the build host that holds someone's files, not a checkout
        var settings = Settings("notcheckout");
        var dir = settings["VirtualCluster:Build:SourceDir"]!;
        await ShellAsync(lab.BuildContainer, $"mkdir -p {dir} && echo 'years of work' > {dir}/thesis.tex");

        // When the source is downloaded
        var run = await InstallerRunner.RunAsync(settings, tags: "download-source", skipTags: null);

        // Then the stage fails naming the setting and the folder, and the file is still there
        var stage = run[StageNames.DownloadSource];
        Assert.Equal(StageStatus.Failed, stage.Status);
        Assert.Contains($"virtualcluster_source_dir ({dir}) on {lab.BuildContainer.BuildHost} exists and is not a git checkout (it holds thesis.tex", stage.Message, StringComparison.Ordinal);
        Assert.Equal("years of work", (await ShellAsync(lab.BuildContainer, $"cat {dir}/thesis.tex")).Trim());
    }

    [Fact]
    [Fault]
    public async Task DownloadSource_NoNetworkAndNoOfflineFolder_StopsNamingBothWaysOut()
    {
        // Given the role's default repository (GitHub), which this machine cannot reach, and no offline folder
        var settings = Settings("online");
        settings["VirtualCluster:Build:SourceRepo"] = VcLab.Installer.Source.UpstreamSource.DefaultRepository;

        // When the source is downloaded and built
        var run = await InstallerRunner.RunAsync(settings, tags: "download-source,patch-source,build-binaries", skipTags: null);

        // Then download-source stops, naming both ways out, and nothing is built
        var stage = run[StageNames.DownloadSource];
        Assert.Equal(StageStatus.Failed, stage.Status);
        Assert.Contains("Give the build host access to GitHub, or set VirtualCluster:Build:OfflineUpstreamDir", stage.Message, StringComparison.Ordinal);
        Assert.NotEqual(StageStatus.Changed, run[StageNames.BuildBinaries].Status);
    }

    [Fact]
    [BadInput]
    public async Task DownloadSource_OfflineFolderWithoutTheBundleAndACorruptTarball_NamesBothBeforeCloning()
    {
        // Given an offline folder whose bundle is missing and whose vendor tarball is not the one SHA256SUMS names
        var folder = $"/tmp/upstream-{Guid.NewGuid().ToString("N")[..5]}";
        await ShellAsync(lab.BuildContainer, $"mkdir -p {folder} && printf '%s  cluster-api-provider-nested.bundle\\n%s  virtualcluster-vendor.tar.gz\\n' {new string('0', 64)} {new string('1', 64)} > {folder}/SHA256SUMS && echo broken > {folder}/virtualcluster-vendor.tar.gz");
        var settings = Settings("offline");
        settings["VirtualCluster:Build:OfflineUpstreamDir"] = folder;
        settings["VirtualCluster:Build:SourceRepo"] = VcLab.Installer.Source.UpstreamSource.DefaultRepository;

        // When the source is downloaded
        var run = await InstallerRunner.RunAsync(settings, tags: "download-source", skipTags: null);

        // Then both files are named, and nothing was cloned
        var stage = run[StageNames.DownloadSource];
        Assert.Equal(StageStatus.Failed, stage.Status);
        Assert.Contains($"{folder}/cluster-api-provider-nested.bundle is missing", stage.Message, StringComparison.Ordinal);
        Assert.Contains($"{folder}/virtualcluster-vendor.tar.gz is corrupt", stage.Message, StringComparison.Ordinal);
        Assert.Equal("absent", (await ShellAsync(lab.BuildContainer, $"test -e {settings["VirtualCluster:Build:SourceDir"]} && echo present || echo absent")).Trim());
    }

    [Fact]
    [BadInput]
    public async Task BuildBinaries_VendorTarballThatDoesNotFitTheCommit_FailsWithTheBuildsOwnErrorTail_AndRecordsNothing()
    {
        // Given an offline folder with the real bundle, and a vendor tarball that is not this commit's (its modules.txt
        // names a module go.mod does not want), both with their checksums in SHA256SUMS
        var folder = $"/tmp/upstream-misfit-{Guid.NewGuid().ToString("N")[..5]}";
        await ShellAsync(lab.BuildContainer,
            $"mkdir -p {folder}/v/vendor && ln -s {VcLab.Hosting.BuildContainer.BuildContainerLauncher.UpstreamMount}/{VcLab.Installer.Source.UpstreamSource.BundleFile} {folder}/ && " +
            $"printf '# example.com/not-this-commit v1.0.0\n## explicit\n' > {folder}/v/vendor/modules.txt && tar -czf {folder}/{VcLab.Installer.Source.UpstreamSource.VendorTarball} -C {folder}/v vendor && " +
            $"cd {folder} && sha256sum {VcLab.Installer.Source.UpstreamSource.BundleFile} {VcLab.Installer.Source.UpstreamSource.VendorTarball} > SHA256SUMS");
        var settings = Settings("misfit");
        settings["VirtualCluster:Build:OfflineUpstreamDir"] = folder;
        settings["VirtualCluster:Build:SourceRepo"] = VcLab.Installer.Source.UpstreamSource.DefaultRepository;

        // When the real source is cloned, patched and built with it
        var run = await InstallerRunner.RunAsync(settings, tags: "download-source,patch-source,build-binaries", skipTags: null);

        // Then build-binaries says in its own words that the vendored modules do not fit (Go's headline falls outside any
        // tail), with the tail of Go's complaint (a line per module that vendor/modules.txt lacks), and records no build
        Assert.Equal(StageStatus.Changed, run[StageNames.PatchSource].Status);
        var stage = run[StageNames.BuildBinaries];
        Assert.Equal(StageStatus.Failed, stage.Status);
        Assert.Contains("virtualcluster-vendor.tar.gz do not fit the checked-out source", stage.Message, StringComparison.Ordinal);
        Assert.Contains("but not marked as replaced in vendor/modules.txt", stage.Message, StringComparison.Ordinal);
        Assert.Equal("absent", (await ShellAsync(lab.BuildContainer, $"test -e {settings["VirtualCluster:Build:SourceDir"]}/virtualcluster/_output/.vclab-built-from && echo present || echo absent")).Trim());
    }

    [Fact]
    public async Task PatchSource_CheckMode_SaysWhichFixesWouldApply_AndTheTreeIsUntouched()
    {
        // Given the real upstream source checked out from the lab's bundle
        var settings = Settings("check");
        settings["VirtualCluster:Build:OfflineUpstreamDir"] = VcLab.Hosting.BuildContainer.BuildContainerLauncher.UpstreamMount;
        settings["VirtualCluster:Build:SourceRepo"] = VcLab.Installer.Source.UpstreamSource.DefaultRepository;
        Assert.True((await InstallerRunner.RunAsync(settings, tags: "download-source", skipTags: null)).Succeeded);

        // When patch-source runs with --check
        var run = await InstallerRunner.RunAsync(settings, checkMode: true, tags: "patch-source", skipTags: null);

        // Then it names the seven fixes it would apply (the role's five and VcLab's two), and the checkout has no change
        var stage = run[StageNames.PatchSource];
        Assert.StartsWith("7 of 7 fixes would be applied: ", stage.Message, StringComparison.Ordinal);
        Assert.All(VcLab.Installer.Source.UpstreamPatches.All, patch => Assert.Contains(patch.Name, stage.Message, StringComparison.Ordinal));
        Assert.Equal(string.Empty, (await ShellAsync(lab.BuildContainer, $"git -C {settings["VirtualCluster:Build:SourceDir"]} status --porcelain")).Trim());
    }

    [Fact]
    [BadInput]
    public async Task PatchSource_CodeAroundTheFixesMoved_NamesEachFileAndFix_AndNothingIsBuilt()
    {
        // Given a source tree that is not the upstream code the fixes know (the stand-in)
        var settings = Settings("moved");

        // When it is patched and built
        var run = await InstallerRunner.RunAsync(settings, tags: "download-source,patch-source,build-binaries", skipTags: null);

        // Then patch-source fails naming each file and its fix, and build-binaries does not run
        var stage = run[StageNames.PatchSource];
        Assert.Equal(StageStatus.Failed, stage.Status);
        Assert.All(VcLab.Installer.Source.UpstreamPatches.All, patch =>
        {
            Assert.Contains(patch.File, stage.Message, StringComparison.Ordinal);
            Assert.Contains(patch.Fix, stage.Message, StringComparison.Ordinal);
        });
        Assert.NotEqual(StageStatus.Changed, run[StageNames.BuildBinaries].Status);
        Assert.Equal("absent", (await ShellAsync(lab.BuildContainer, $"test -e {settings["VirtualCluster:Build:SourceDir"]}/virtualcluster/_output/bin && echo present || echo absent")).Trim());
    }

    private Dictionary<string, string?> Settings(string name)
    {
        var tag = $"{name}-{Guid.NewGuid().ToString("N")[..5]}";
        foreach (var component in new[] { "manager", "syncer", "vn-agent" })
        {
            lab.Docker.Track($"virtualcluster/{component}-amd64:{tag}");
        }

        return new Dictionary<string, string?>
        {
            // Not a setting: the per-test image tag, for the assertions.
            ["Tag"] = tag,
            ["VirtualCluster:Namespace"] = $"vc-{tag}",
            ["VirtualCluster:SuperclusterKubeconfigPath"] = lab.Cluster.KubeconfigPath,
            ["VirtualCluster:VerifyTimeoutSeconds"] = "120",
            ["VirtualCluster:Build:FromSource"] = "true",
            ["VirtualCluster:Build:Host"] = lab.BuildContainer.BuildHost,
            ["VirtualCluster:Build:SourceRepo"] = lab.BuildContainer.StandInRepository,
            ["VirtualCluster:Build:SourceDir"] = $"/tmp/src-{tag}",
            ["VirtualCluster:Images:Manager"] = $"virtualcluster/manager-amd64:{tag}",
            ["VirtualCluster:Images:Syncer"] = $"virtualcluster/syncer-amd64:{tag}",
            ["VirtualCluster:Images:VnAgent"] = $"virtualcluster/vn-agent-amd64:{tag}",
            ["VirtualCluster:Images:LocalCacheDir"] = VcLab.Tests.Infrastructure.TestFolders.Create("vclab-cache-"),
            ["VirtualCluster:Images:CtrlplaneCacheDir"] = $"/tmp/vc-images-{tag}",
            ["VirtualCluster:Ssh:ControlPlaneHost"] = lab.Cluster.ControlPlane.Address,
            ["VirtualCluster:Ssh:PrivateKeyPath"] = lab.Cluster.SshPrivateKeyPath,
            ["VirtualCluster:Ssh:User"] = lab.Cluster.SshUser,
        };
    }

    private static async Task MountAsync(string command)
    {
        using var shell = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("sh", ["-c", command]) { RedirectStandardError = true })!;
        var error = await shell.StandardError.ReadToEndAsync(Token);
        await shell.WaitForExitAsync(Token);
        Assert.True(shell.ExitCode == 0, $"{command}: {error}");
    }

    /// <summary>The docker CLI, as a person would freeze and thaw a container.</summary>
    private static void DockerCli(params string[] arguments)
    {
        using var docker = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("docker", arguments) { RedirectStandardError = true })!;
        var error = docker.StandardError.ReadToEnd();
        docker.WaitForExit();
        Assert.True(docker.ExitCode == 0, $"docker {string.Join(' ', arguments)}: {error}");
    }

    /// <summary>
    /// A repository on the build container whose build sleeps <paramref name="seconds"/> while <paramref name="flag"/> is
    /// there (make's recipe: <c>sleep SECONDS</c>, a command line a test can find), and takes a moment once it is gone.
    /// </summary>
    private async Task SlowBuildSourceAsync(string repository, string flag, int seconds)
    {
        var makefile = $"build:\n\tif [ -f {flag} ]; then sleep {seconds}; fi\n\tmkdir -p _output/bin && for c in manager syncer vn-agent; do echo \"#!/bin/sh\" > _output/bin/$$c; chmod +x _output/bin/$$c; done\n";
        await ShellAsync(lab.BuildContainer, $"rm -rf {repository} && mkdir -p {repository}/virtualcluster && printf '{makefile}' > {repository}/virtualcluster/Makefile && cd {repository} && git init -q -b main && git add -A && git -c user.name=t -c user.email=t@t commit -q -m slow && touch {flag}");
    }

    /// <summary>
    /// The command lines in a container that start with <paramref name="prefix"/>, read from /proc (the build image has no
    /// procps; and a pgrep for a pattern would find its own command line).
    /// </summary>
    private async Task<IReadOnlyList<string>> ProcessesAsync(string container, string prefix, CancellationToken cancellationToken)
    {
        var result = await lab.Docker.Containers.ExecAsync(container, ["sh", "-c", "for p in /proc/[0-9]*; do tr '\\0' ' ' < $p/cmdline 2>/dev/null; echo; done"], cancellationToken);
        Assert.True(result.Succeeded, result.StandardError);
        return [.. result.StandardOutput.Split('\n').Where(line => line.StartsWith(prefix, StringComparison.Ordinal))];
    }

    /// <summary>The container's default gateway (this machine, on the container's network), from its routing table.</summary>
    private async Task<string> GatewayAsync(string container)
    {
        var routes = await ShellAsync(container, "cat /proc/net/route");
        var hex = routes.Split('\n').Select(line => line.Split('\t')).First(fields => fields.Length > 2 && fields[1] == "00000000")[2];
        var bytes = Convert.FromHexString(hex);
        Array.Reverse(bytes);
        return new System.Net.IPAddress(bytes).ToString();
    }

    private Task<string> CtrAsync(VcLab.Hosting.SuperCluster.ClusterNode node, string arguments) => ShellAsync(node, $"ctr -n k8s.io {arguments}");

    private Task<string> ShellAsync(VcLab.Hosting.SuperCluster.ClusterNode node, string command) => ShellAsync(node.ContainerId, command);

    private Task<string> ShellAsync(VcLab.Hosting.BuildContainer.BuildContainer container, string command) => ShellAsync(container.ContainerId, command);

    private async Task<string> ShellAsync(string container, string command)
    {
        var result = await lab.Docker.Containers.ExecAsync(container, ["sh", "-c", command], Token);
        Assert.True(result.Succeeded, $"{command}: {result.StandardError}");
        return result.StandardOutput;
    }
}
