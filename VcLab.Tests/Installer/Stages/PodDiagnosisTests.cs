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
}
