using System.Globalization;

namespace VcLab.Bench;

/// <summary>
/// The CPU time this machine has spent busy since its start, from the first line of <c>/proc/stat</c> (user, nice, system,
/// irq and softirq; not idle, I/O wait or time stolen by a hypervisor). The lab's nodes are containers on this machine, so
/// everything the lab does is in it: two readings give what a stretch of time cost, all processes together.
/// </summary>
internal sealed record HostCpu(double BusySeconds)
{
    /// <summary>Linux's clock ticks per second for <c>/proc/stat</c> (USER_HZ, 100 on every architecture .NET runs on).</summary>
    private const double TicksPerSecond = 100;

    public static HostCpu Read()
    {
        // "cpu  user nice system idle iowait irq softirq steal guest guest_nice"
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long Field(int index) => long.Parse(fields[index], CultureInfo.InvariantCulture);
        return new HostCpu((Field(1) + Field(2) + Field(3) + Field(6) + Field(7)) / TicksPerSecond);
    }

    /// <summary>The busy CPU-seconds from <paramref name="earlier"/> to this reading.</summary>
    public double SecondsSince(HostCpu earlier) => BusySeconds - earlier.BusySeconds;
}
