using VcLab.Installer.Source;
using VcLab.Tests.Infrastructure;

namespace VcLab.Tests.Installer.Source;

public sealed class SourcePatcherTests
{
    private static readonly SourcePatch Patch = new(
        "sample", "pkg/sample.go", "the sample fix",
        [new SourceHunk("return broken()", "return fixed()"), new SourceHunk("\t\"fmt\"\n", "\t\"fmt\"\n\t\"os\"\n")]);

    [Fact]
    public void Apply_UpstreamCode_ReplacesEveryHunk()
    {
        // Given the upstream code
        var content = "import (\n\t\"fmt\"\n)\nfunc f() { return broken() }\n";

        // When patched
        var result = SourcePatcher.Apply(Patch, content);

        // Then it is applied, with both hunks
        Assert.Equal(PatchOutcome.Applied, result.Outcome);
        Assert.Equal("import (\n\t\"fmt\"\n\t\"os\"\n)\nfunc f() { return fixed() }\n", result.Content);
    }

    [Fact]
    public void Apply_Twice_SecondTimeFindsItAlreadyApplied_AndChangesNothing()
    {
        // Given a tree patched once
        var once = SourcePatcher.Apply(Patch, "\t\"fmt\"\nreturn broken()").Content;

        // When patched again
        var twice = SourcePatcher.Apply(Patch, once);

        // Then nothing changes
        Assert.Equal(PatchOutcome.AlreadyApplied, twice.Outcome);
        Assert.Equal(once, twice.Content);
    }

    [Theory]
    [BadInput]
    [InlineData("\t\"fmt\"\nreturn somethingElse()")]
    [InlineData("\t\"fmt\"\nreturn broken()\nreturn broken()")]
    public void Apply_CodeAroundTheFixMoved_IsMovedAndLeavesTheContentAsItWas(string content)
    {
        // Given code where the upstream text is gone, or is there twice
        // When patched
        var result = SourcePatcher.Apply(Patch, content);

        // Then the patch reports the move, naming the file and the fix, and changes nothing
        Assert.Equal(PatchOutcome.Moved, result.Outcome);
        Assert.Equal(content, result.Content);
        Assert.Contains("pkg/sample.go", result.Describe(), StringComparison.Ordinal);
        Assert.Contains("the sample fix", result.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_FixMergedUpstream_IsAlreadyApplied()
    {
        // Given a newer upstream that merged one fix and kept the other bug
        var content = "\t\"fmt\"\n\t\"os\"\nreturn fixed()";

        // When patched
        var result = SourcePatcher.Apply(Patch, content);

        // Then it is left as it is
        Assert.Equal(PatchOutcome.AlreadyApplied, result.Outcome);
    }

    [Fact]
    public void UpstreamPatches_AreTheRolesFiveThenVcLabsTwo()
    {
        // Given the role's fixes
        var patches = UpstreamPatches.All;

        // Then there are the role's five, one per file of role-evolution.md, then VcLab's own (the provisioner's polling, the
        // webhook's key size), each with a fix that differs from the upstream text
        Assert.Equal(
            [
                "pkg/controller/kubeconfig/kubeconfig.go", "pkg/syncer/conversion/mutate.go", "cmd/vn-agent/app/options/options.go",
                "pkg/apis/tenancy/v1alpha1/virtualcluster_types.go", "pkg/controller/controllers/provisioner/provisioner_native.go",
                "pkg/controller/controllers/provisioner/provisioner_native.go",
                "pkg/webhook/virtualcluster/virtualcluster_webhook.go",
            ],
            patches.Select(patch => patch.File));
        Assert.Equal(["provisioner-poll", "webhook-key-size"], patches.TakeLast(2).Select(patch => patch.Name));
        Assert.All(patches.SelectMany(patch => patch.Hunks), hunk => Assert.NotEqual(hunk.Before, hunk.After));
    }

    [Fact]
    public void Apply_ATreeAnEarlierVcLabPatched_GetsTheCurrentFixInPlaceOfTheEarlierOne_NotBesideIt()
    {
        // Given the patches with an earlier form (a build host's clone an older VcLab patched keeps that form)
        var updated = UpstreamPatches.All.Where(patch => patch.Hunks.Any(hunk => hunk.Earlier is { Count: > 0 })).ToList();
        Assert.NotEmpty(updated);
        foreach (var patch in updated)
        {
            var upstream = string.Join("\n// other code\n", patch.Hunks.Select(hunk => hunk.Before));
            var earlier = string.Join("\n// other code\n", patch.Hunks.Select(hunk => hunk.Earlier is [var first, ..] ? first : hunk.After));

            // When each is patched
            var fromUpstream = SourcePatcher.Apply(patch, upstream);
            var fromEarlier = SourcePatcher.Apply(patch, earlier);

            // Then the earlier tree ends up as the upstream one does (each fix once), and a re-run leaves it
            Assert.Equal(PatchOutcome.Applied, fromEarlier.Outcome);
            Assert.Equal(fromUpstream.Content, fromEarlier.Content);
            Assert.Equal(PatchOutcome.AlreadyApplied, SourcePatcher.Apply(patch, fromEarlier.Content).Outcome);
        }
    }
}
