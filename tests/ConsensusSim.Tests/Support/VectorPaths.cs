using ConsensusSim.Engine;

namespace ConsensusSim.Tests.Support;

/// <summary>Which of the engine's vector paths this machine takes, for tests that check a path was taken or skip where it is not.</summary>
internal static class VectorPaths
{
    /// <summary>
    /// Whether the vote is a vector vote for the test scenarios' blocs (at most seven correlated ones and the zero slot):
    /// sixteen States a step with AVX-512, eight with AVX2. The fused loops, of one vote and of rounds, need it.
    /// </summary>
    public static bool Vote => LatentVote.VectorAvailable(LatentVote256.MaxBlocs);

    /// <summary>Whether the vote takes sixteen States a step (AVX-512), which the vote in registers, the linkage drawn eight at a time and the conditional stage's vector products need.</summary>
    public static bool Wide => LatentVote.Wide;

    /// <summary>Why a test of a fused single-vote loop is skipped.</summary>
    public const string NoVectorVote = "This machine has neither AVX2 nor AVX-512: the fused loops need the vector vote, and only the general path runs here.";

    /// <summary>Why a test of a path that takes sixteen States a step is skipped.</summary>
    public const string NoAvx512 = "This machine has no AVX-512: this path takes sixteen States a step and does not run here (the eight-State vote does).";
}
