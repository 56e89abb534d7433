using VcLab.Installer.Hosts;

namespace VcLab.Installer.Stages;

/// <summary>
/// How the build host's checkout tells VcLab's own changes (the role's fixes) from changes made by hand: after
/// patch-source, the hash of <c>git diff HEAD</c> is kept in <c>.git/vclab-fixed-tree</c>; a tree whose diff hashes
/// otherwise (or that differs at all when no fixes were recorded) was changed by hand.
/// </summary>
internal static class CheckoutState
{
    private const string Record = ".git/vclab-fixed-tree";

    /// <summary>Shell: records the tree's diff hash, after the fixes.</summary>
    public static string RecordFixedTree(string dir) =>
        $"git -C {Sh.Quote(dir)} diff HEAD | sha256sum | cut -d' ' -f1 > {Sh.Quote($"{dir}/{Record}")}";

    /// <summary>Shell: sets <c>dirty</c> to the files changed by hand (space-separated), or leaves it "-".</summary>
    public static string ChangedByHand(string dir) =>
        $"""have=$(git -C {Sh.Quote(dir)} diff HEAD | sha256sum | cut -d' ' -f1); want=$(cat {Sh.Quote($"{dir}/{Record}")} 2>/dev/null || printf '' | sha256sum | cut -d' ' -f1); """ +
        $"""if [ "$have" != "$want" ]; then dirty=$(git -C {Sh.Quote(dir)} diff HEAD --name-only | tr '\n' ' '); [ -n "$dirty" ] || dirty=-; fi""";
}
