using System.Runtime.Intrinsics;
using ConsensusSim.Engine;
using ConsensusSim.Model;
using ConsensusSim.Simulation;
using ConsensusSim.Numerics;
using ConsensusSim.Tests.Engine;
using FsCheck;
using FsCheck.Xunit;

namespace ConsensusSim.Tests.Numerics;

/// <summary>
/// The eight-lane uniforms and quantiles that draw a linkage for eight trials at once must give, lane by lane, the bits of
/// the scalar ones the general path draws: anywhere in the unit interval, at the octaves' ends, at 0, ½ and 1, NaN, and in
/// the octaves a table leaves to the exact function. (Where the processor cannot run them in vectors, they are the scalar
/// ones and these tests hold trivially; the vote-only loop then does not use them.)
/// </summary>
public class EightAtOnceTests
{
    private static readonly string[] Distributions = ["Beta(4, 4)", "Beta(0.3, 5)", "Beta(50, 50)", "N(0.5, 0.2) in [0, 1]", "N(100, 0.01) in [0, 1]", "N(0, 1) in [39, 40]"];

    public static TheoryData<string> Tables() => [.. Distributions];

    [Property(MaxTest = 200)]
    public bool Eight_first_uniforms_are_the_scalar_ones_of_eight_consecutive_trials(ulong seed, long firstTrial)
    {
        var u = TrialRandom.FirstDoubles(seed, firstTrial);
        return Enumerable.Range(0, 8).All(lane => Bits(u[lane]) == Bits(TrialRandom.FirstDouble(seed, unchecked(firstTrial + lane))));
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public void Eight_quantiles_are_the_scalar_ones_lane_by_lane(string distribution)
    {
        var table = Table(distribution);
        var probabilities = new List<double>();

        // Uniforms as trials draw them, and each tail octave's ends and points between, from both ends of the interval.
        for (long trial = 0; trial < 40_000; trial++)
        {
            probabilities.Add(TrialRandom.FirstDouble(3, trial));
        }

        for (int o = 1; o <= 56; o++)
        {
            for (int j = 0; j <= 16; j++)
            {
                double w = Math.ScaleB(1 + (j / 16.0), -(o + 1));
                probabilities.AddRange([w, 1 - w, Math.BitDecrement(w), Math.BitIncrement(w)]);
            }
        }

        probabilities.AddRange([0, 1, 0.5, Math.BitDecrement(0.5), Math.BitIncrement(0.5), double.NaN, -0.25, 1.5, double.Epsilon, Math.ScaleB(1, -53), 1 - Math.ScaleB(1, -53)]);
        AssertLaneByLane(table, probabilities);
    }

    [Fact]
    public void The_octaves_left_to_the_exact_function_are_among_those_checked()
    {
        // Otherwise the theory above would not reach the lanes the vector evaluation hands back to the scalar one.
        Assert.True(Table("N(0, 1) in [39, 40]").ExactOctaves > 0);
    }

    [Property(MaxTest = 100)]
    public bool Any_eight_probabilities_give_the_scalar_quantiles(NormalFloat a, NormalFloat b, NormalFloat c, NormalFloat d, PositiveInt which)
    {
        // Arbitrary doubles folded into [0, 1], with the raw values (most outside it) in the other lanes.
        var table = Table(Distributions[which.Get % Distributions.Length]);
        double Fold(double x) => Math.Abs(x) % 1;
        double[] lanes = [Fold(a.Get), Fold(b.Get), Fold(c.Get), Fold(d.Get), a.Get, b.Get, c.Get, d.Get];
        var q = table.At(Vector512.Create(lanes));
        return Enumerable.Range(0, 8).All(lane => Bits(q[lane]) == Bits(table.At(lanes[lane])));
    }

    [Fact]
    public void A_table_of_no_pieces_gives_the_exact_function_lane_by_lane()
    {
        // No polynomial meets a tolerance of 0, so every octave is left to the exact function and no lane may read a piece.
        var table = QuantileTable.Build(Math.Sqrt, w => 1 - Math.Sqrt(w), 0, 1, 0);
        Assert.Equal(0, table.Pieces);
        var pieces = table.Locate(Vector512.Create(0.3));
        Assert.Equal(Vector512<long>.Zero, pieces.Tabulated);
        Assert.Equal(Vector256<int>.Zero, pieces.Row);
        AssertLaneByLane(table, [.. Enumerable.Range(0, 64).Select(k => TrialRandom.FirstDouble(5, k)), 0, 1, double.NaN, 0.5]);
    }

    /// <summary>Every venue of the default scenario, once without noise, and a uniform linkage.</summary>
    public static TheoryData<string, VoteVenue, bool> Venues() => new()
    {
        { "default", VoteVenue.Meeting, false },
        { "default", VoteVenue.Silence, false },
        { "default", VoteVenue.MinisterialCouncil, false },
        { "default", VoteVenue.Meeting, true },
        { "uniform-linkage", VoteVenue.Silence, false },
    };

    [Theory]
    [MemberData(nameof(Venues))]
    public void Eight_trials_thresholds_are_those_each_trials_own_draw_writes(string variant, VoteVenue venue, bool noiseless)
    {
        // Bit by bit, lane by lane: the vote's statement and objection thresholds in its venue, as one draw at a time writes
        // them into the workspace (Draw, then Apply: the general redraw's expressions, whose tallies the loop tests compare),
        // where a one-ulp difference would hardly ever change a tally. Without noise the
        // thresholds are ±∞.
        var (redraw, workspace) = InlineLinkage(variant, venue, noiseless);
        int state = redraw.State;
        int objectionAt = ((int)venue * workspace.Shape.Padded) + state;
        for (long first = 3; first < 3 + (8 * 300); first += 8)
        {
            var thresholds = redraw.VoteThresholdsOfEight(17, first);
            for (int lane = 0; lane < 8; lane++)
            {
                redraw.Apply(redraw.Draw(17, first + lane));
                Assert.Equal(BitConverter.SingleToInt32Bits(workspace.StatementBelow[state]), BitConverter.SingleToInt32Bits(thresholds[lane]));
                Assert.Equal(BitConverter.SingleToInt32Bits(workspace.ObjectBelow[objectionAt]), BitConverter.SingleToInt32Bits(thresholds[lane + 8]));
            }
        }

        if (noiseless)
        {
            Assert.True(float.IsInfinity(workspace.StatementBelow[state]));
        }
    }

    [Theory]
    [MemberData(nameof(Venues))]
    public void A_batch_drawn_one_trial_after_another_writes_each_trials_own_thresholds_and_nothing_else(string variant, VoteVenue venue, bool noiseless)
    {
        // The batched start (no AVX-512) computes the vote's two thresholds without writing the workspace, then blends them
        // into the rows of eight the vote loads: the bits Draw and Apply write, at the State's place only.
        var (redraw, workspace) = InlineLinkage(variant, venue, noiseless);
        int state = redraw.State;
        int padded = workspace.Shape.Padded;
        int objectionAt = ((int)venue * padded) + state;
        var objectRow = Enumerable.Range(0, padded).Select(i => i + 0.5f).ToArray();
        var statementRow = Enumerable.Range(0, padded).Select(i => -i - 0.5f).ToArray();
        for (long trial = 3; trial < 3 + 2_000; trial++)
        {
            var (statement, objection) = redraw.VoteThresholds(redraw.Draw(17, trial));
            bool nested = redraw.Apply(redraw.Draw(17, trial));
            Assert.Equal(BitConverter.SingleToInt32Bits(workspace.StatementBelow[state]), BitConverter.SingleToInt32Bits(statement));
            Assert.Equal(BitConverter.SingleToInt32Bits(workspace.ObjectBelow[objectionAt]), BitConverter.SingleToInt32Bits(objection));

            Assert.Equal(nested, redraw.ApplyToVoteOfEight(statement, objection, ref objectRow[0], ref statementRow[0]));
            for (int i = 0; i < padded; i++)
            {
                Assert.Equal(i == state ? objection : i + 0.5f, objectRow[i]);
                Assert.Equal(i == state ? statement : -i - 0.5f, statementRow[i]);
            }
        }

        if (noiseless)
        {
            Assert.True(float.IsInfinity(statementRow[state]));
        }
    }

    /// <summary>A variant's inline linkage draw in <paramref name="venue"/>, in a procedure with all three venues, and its workspace; Russia without noise if <paramref name="noiseless"/>.</summary>
    private static (ConsensusSim.Engine.Stages.LinkageRedraw Redraw, ConsensusSim.Engine.Stages.TrialWorkspace Workspace) InlineLinkage(string variant, VoteVenue venue, bool noiseless)
    {
        var b = FusedLoopTests.Build(variant).Scenario.ToBuilder();
        b.Procedure = new ProcedureOptions { UseSilence = true, EscalateToMinisterialCouncil = true, SilenceDeterrence = 1.7, MinisterialDeterrence = 2.3 };
        if (noiseless)
        {
            var russia = b.StateOverrides.Single(o => o.Target == "RUS");
            b.StateOverrides[b.StateOverrides.IndexOf(russia)] = new ProfileOverride("RUS", russia.Profile.OverriddenBy(new StateProfile { Noise = 0 }));
        }

        var kernel = new TrialKernel(b.Build().Compile());
        var redraw = kernel.InlineLinkage(venue);
        Assert.NotNull(redraw);
        return (redraw, kernel.Workspace);
    }

    private static void AssertLaneByLane(QuantileTable table, List<double> probabilities)
    {
        for (int start = 0; start < probabilities.Count; start += 8)
        {
            var lanes = new double[8];
            for (int lane = 0; lane < 8; lane++)
            {
                lanes[lane] = probabilities[(start + lane) % probabilities.Count];
            }

            var q = table.At(Vector512.Create(lanes));
            for (int lane = 0; lane < 8; lane++)
            {
                Assert.True(Bits(q[lane]) == Bits(table.At(lanes[lane])), $"u = {lanes[lane]:R}: {q[lane]:R} in the vector, {table.At(lanes[lane]):R} alone");
            }
        }
    }

    private static QuantileTable Table(string distribution) => ParameterSampler.Tabulate(distribution switch
    {
        "Beta(4, 4)" => Parameter.Beta(4, 4),
        "Beta(0.3, 5)" => Parameter.Beta(0.3, 5),
        "Beta(50, 50)" => Parameter.Beta(50, 50),
        "N(0.5, 0.2) in [0, 1]" => Parameter.TruncatedNormal(0.5, 0.2, 0, 1),
        "N(100, 0.01) in [0, 1]" => Parameter.TruncatedNormal(100, 0.01, 0, 1),
        "N(0, 1) in [39, 40]" => Parameter.TruncatedNormal(0, 1, 39, 40),
        _ => throw new ArgumentException($"No table named {distribution}.", nameof(distribution)),
    })!;

    private static long Bits(double x) => BitConverter.DoubleToInt64Bits(x);
}
