using k8s.Models;
using VcLab.Installer.Stages;

namespace VcLab.Tests.Installer.Stages;

public sealed class PodDiagnosisTests
{
    [Theory]
    [InlineData("ImagePullBackOff", 0, true)]
    [InlineData("ErrImageNeverPull", 0, true)]
    [InlineData("CrashLoopBackOff", 2, false)]
    [InlineData("CrashLoopBackOff", 5, true)]
    [InlineData("ContainerCreating", 0, false)]
    public void IsHopeless_ImageProblemsAtOnce_ACrashLoopOnlyOnceItHasGoneOn(string reason, int restarts, bool hopeless)
    {
        var pod = new V1Pod
        {
            Status = new V1PodStatus
            {
                ContainerStatuses =
                [
                    new V1ContainerStatus { Name = "c", Image = "i", ImageID = "", Ready = false, RestartCount = restarts, State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = reason } } },
                ],
            },
        };

        Assert.Equal(hopeless, PodDiagnosis.IsHopeless(pod));
    }

    [Theory]
    [InlineData(true, "terminated", "terminated", true)]
    [InlineData(true, "terminated", "waiting", true)]
    [InlineData(true, "terminated", "running", false)]
    [InlineData(true, "running", "running", false)]
    [InlineData(false, "terminated", "terminated", false)]
    [InlineData(true, null, null, true)]
    public void RunsNothing_OnlyAPodBeingDeletedWithNoContainerRunning(bool deleting, string? first, string? second, bool runsNothing)
    {
        // Given a pod of two containers, each as its kubelet last reported it (none reported: not started yet)
        V1ContainerStatus Status(string name, string state) => new()
        {
            Name = name, Image = "i", ImageID = "", Ready = false, RestartCount = 0,
            State = state switch
            {
                "terminated" => new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 0 } },
                "waiting" => new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "ContainerCreating" } },
                _ => new V1ContainerState { Running = new V1ContainerStateRunning() },
            },
        };
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "p", DeletionTimestamp = deleting ? DateTime.UtcNow : null },
            Status = new V1PodStatus { Phase = "Running", ContainerStatuses = first is null ? null : [Status("a", first), Status("b", second!)] },
        };

        Assert.Equal(runsNothing, PodDiagnosis.RunsNothing(pod));
    }
}
