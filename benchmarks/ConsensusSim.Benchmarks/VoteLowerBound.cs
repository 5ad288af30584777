using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using ConsensusSim.Engine;
using ConsensusSim.Engine.Stages;
using ConsensusSim.Model;
using ConsensusSim.Simulation;

namespace ConsensusSim.Benchmarks;

/// <summary>
/// How close to its floor any vote could bring the reference trial on this machine (issue 20, goal 4: within 1.2×). Each
/// loop here draws exactly the floor's normals, two trials at a time into a ring, as the engine's vote-only loop does,
/// then votes with less and less of the model: from the engine's own vote down to one comparison per State on the raw
/// normal, which no vote of this model can undercut without drawing fewer numbers. The loops run in turn with the floor and
/// the reference trial, as <see cref="InterleavedRatios"/> runs its classes, on the reference trial's own thresholds,
/// weights and blocs, so their branches go as the reference trial's do. The engine's reference trial beside the first
/// loop shows what the engine's own loop adds to its vote; the rows below it, what each part of the vote costs.
/// </summary>
/// <remarks>
/// Run pinned to one processor:
/// <c>taskset -c 0 dotnet run -c Release --project benchmarks/ConsensusSim.Benchmarks -- --vote-bound [--rounds 61] [--trials 10000]</c>.
/// The fused multiply-adds of three loops are not the model's arithmetic (which multiplies, rounds, then adds); they stand
/// for the cheapest arithmetic a vote could use, so those loops' counts are not the model's.
/// </remarks>
internal static class VoteLowerBound
{
    private const string Mode = "--vote-bound";

    /// <summary>Whether the command line asks for this mode.</summary>
    public static bool Requested(string[] args) => args.Length > 0 && args[0] == Mode;

    /// <summary>Runs the rounds and prints the table; 2 with a message for a bad option, 1 on a processor with neither AVX-512 nor AVX2.</summary>
    public static int Run(string[] args)
    {
        if (!InterleavedRatios.TryReadOptions(args, out int rounds, out int trials))
        {
            return 2;
        }

        bool wide = Avx512F.IsSupported && Vector512.IsHardwareAccelerated;
        if (!wide && !LatentVote256.Available)
        {
            Console.Error.WriteLine($"{Mode}: the reference trial's vote and these loops need AVX-512 or AVX2, which this processor lacks; nothing was measured.");
            return 1;
        }

        var reference = SyntheticScenarios.Reference();
        var accumulator = new TrialAccumulator(reference.StateCount, 1);
        var engine = new TrialKernel(reference);
        var votes = new ReferenceVotes(reference);
        var floor = InterleavedRatios.FloorClass(trials);
        var referenceTrial = new InterleavedRatios.TrialClass("reference trial (the engine)", () => engine.RunChunk(1, 0, trials, accumulator));
        var classes = wide
            ? new InterleavedRatios.TrialClass[]
            {
                floor,
                referenceTrial,
                votes.Class<EngineVote>("the engine's vote, in this loop", trials),
                votes.Class<FusedVote>("fused multiply-add, blocs' shocks, both thresholds", trials),
                votes.Class<FusedOneShock>("fused multiply-add, one shock for all, both thresholds", trials),
                votes.Class<FusedStatementsOnly>("fused multiply-add, one shock for all, statement threshold only", trials),
                votes.Class<RawComparison>("each State's normal compared once, no arithmetic", trials),
                votes.Class<NoVote>("the loop and its draws, no vote", trials),
            }
            : new InterleavedRatios.TrialClass[]
            {
                // Without AVX-512 the engine votes eight States a step (LatentVote256); the fused multiply-adds of the wide
                // rows would need instructions of their own here, so the ladder keeps its two ends and the model's vote.
                floor,
                referenceTrial,
                votes.Class<EngineVote256>("the engine's vote, eight States a step, in this loop", trials),
                votes.Class<RawComparison256>("each State's normal compared once, no arithmetic, eight a step", trials),
                votes.Class<NoVote>("the loop and its draws, no vote", trials),
            };
        var times = InterleavedRatios.RunRounds(classes, rounds, trials);

        Console.WriteLine($"// {rounds} rounds of {trials:N0} trials per class, {InterleavedRatios.Placement()}; {votes.Describe()}");
        Console.WriteLine("| class | median ns/trial | ÷ floor, median of the rounds' own |");
        Console.WriteLine("|---|---:|---:|");
        for (int c = 0; c < classes.Length; c++)
        {
            Console.WriteLine($"| {classes[c].Name} | {InterleavedRatios.Median(times, t => t[c])} | {InterleavedRatios.Median(times, t => t[c] / t[0], "F2")} |");
        }

        return 0;
    }

    /// <summary>One way of voting on a trial's 64 normals (57 States, their blocs' shocks after them, then zeros).</summary>
    private interface IVote
    {
        /// <summary>The objector bits (zero when there are none) and the statements.</summary>
        static abstract ulong Vote(ref float e, in VoteArrays v, out int statements);
    }

    /// <summary>The vote's arrays, their addresses held for the whole loop as the engine's loop holds them.</summary>
    private ref struct VoteArrays
    {
        public ref float Own;
        public ref int Bloc;
        public ref float ObjectBelow;
        public ref float StatementBelow;
        public int States;
        public Vector512<double> Scale;
        public Vector256<double> ScaleSlots0To3;
        public Vector256<double> ScaleSlots4To7;
        public bool Nested;
    }

    /// <summary>The reference trial's vote arrays and a ring of trials' normals, and the loop that votes on them.</summary>
    private sealed class ReferenceVotes
    {
        private const int RingLength = NoiseSource.DrawAheadRing;

        private readonly float[] _ring;
        private readonly int _stride;
        private readonly int _drawn;
        private readonly long[] _unopposed = new long[65];
        private long _objecting;
        private long _withStatement;
        private long _counted;

        public ReferenceVotes(CompiledScenario reference)
        {
            var plan = KernelPlan.For(reference);
            var workspace = new TrialWorkspace(plan);
            _ = new ParameterStage(plan, workspace); // fills the fixed parameters the thresholds are made of
            var stakes = new StakeStage(plan, workspace);
            stakes.PrepareItems();
            stakes.LoadItem(0);
            new ThresholdStage(plan, workspace).PrepareAll();
            var noise = new NoiseSource(plan);
            var latent = new LatentBallot(plan, noise);
            if (!latent.OneWord || !latent.FewShocksSuffice || plan.SingleVote is not { Venue: VoteVenue.Meeting })
            {
                throw new InvalidOperationException("The reference trial no longer votes once, in a meeting, on one word of States with few shocks; these loops no longer stand for its vote.");
            }

            // The ring laid out as the engine's: each trial's normals, then zeros, one line longer to find a boundary.
            _stride = noise.BufferLength;
            _drawn = noise.FirstBlockLength;
            _ring = GC.AllocateArray<float>((RingLength * _stride) + 16, pinned: true);
            States = reference.StateCount;
            Own = latent.OwnPerState;
            Bloc = latent.BlocPerState;
            ObjectBelow = workspace.ObjectBelow.AsSpan(0, Own.Length).ToArray();
            StatementBelow = workspace.StatementBelow;
            Scale = latent.ShockScaleLow;
            ScaleSlots0To3 = latent.ShockScaleSlots0To3;
            ScaleSlots4To7 = latent.ShockScaleSlots4To7;
            Nested = LatentVote.ObjectionsBelowStatements(ObjectBelow, StatementBelow);
        }

        public int States { get; }

        public float[] Own { get; }

        public int[] Bloc { get; }

        public float[] ObjectBelow { get; }

        public float[] StatementBelow { get; }

        public Vector512<double> Scale { get; }

        public Vector256<double> ScaleSlots0To3 { get; }

        public Vector256<double> ScaleSlots4To7 { get; }

        public bool Nested { get; }

        public InterleavedRatios.TrialClass Class<TVote>(string name, int trials)
            where TVote : IVote => new(name, () => Loop<TVote>(trials));

        /// <summary>What the engine's own vote in this loop found, so a reader can see its branches went as the reference trial's.</summary>
        public string Describe() =>
            $"the reference trial's objection thresholds {(Nested ? "all below" : "not all below")} its statement thresholds; " +
            $"in this loop's last chunk of the engine's vote, {Share(_objecting):P2} of votes had an objector and {Share(_withStatement):P1} a statement and none";

        private double Share(long votes) => _counted == 0 ? double.NaN : (double)votes / _counted;

        /// <summary>The trials: two drawn ahead, as the engine draws them, then voted on one by one.</summary>
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        private void Loop<TVote>(int trials)
            where TVote : IVote
        {
            ref float ring = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_ring), VoteOnlyMemory.FloatsToLine(Marshal.UnsafeAddrOfPinnedArrayElement(_ring, 0)));
            var arrays = new VoteArrays
            {
                Own = ref MemoryMarshal.GetArrayDataReference(Own),
                Bloc = ref MemoryMarshal.GetArrayDataReference(Bloc),
                ObjectBelow = ref MemoryMarshal.GetArrayDataReference(ObjectBelow),
                StatementBelow = ref MemoryMarshal.GetArrayDataReference(StatementBelow),
                States = States,
                Scale = Scale,
                ScaleSlots0To3 = ScaleSlots0To3,
                ScaleSlots4To7 = ScaleSlots4To7,
                Nested = Nested,
            };
            ref long unopposed = ref MemoryMarshal.GetArrayDataReference(_unopposed);
            Array.Clear(_unopposed);
            long objecting = 0;
            NormalBlock.FillPair(1, 0, Slot(ref ring, 0), 1, Slot(ref ring, 1));
            int stride = _stride;
            for (long t = 0; t < trials; t++)
            {
                if ((t & 1) == 0)
                {
                    NormalBlock.FillPair(1, t + 2, Slot(ref ring, (int)(t + 2)), t + 3, Slot(ref ring, (int)(t + 3)));
                }

                ulong objectors = TVote.Vote(ref Unsafe.Add(ref ring, (int)(t & (RingLength - 1)) * stride), arrays, out int statements);
                if (objectors != 0)
                {
                    objecting++;
                }
                else
                {
                    Unsafe.Add(ref unopposed, statements)++;
                }
            }

            if (typeof(TVote) == typeof(EngineVote) || typeof(TVote) == typeof(EngineVote256))
            {
                _objecting = objecting;
                _withStatement = trials - objecting - _unopposed[0];
                _counted = trials;
            }
        }

        private Span<float> Slot(ref float ring, int k) => MemoryMarshal.CreateSpan(ref Unsafe.Add(ref ring, (k & (RingLength - 1)) * _stride), _drawn);
    }

    /// <summary>The engine's vote (<see cref="LatentVote"/>), as its vote-only loop calls it: the model's arithmetic.</summary>
    private readonly struct EngineVote : IVote
    {
        public static ulong Vote(ref float e, in VoteArrays v, out int statements)
        {
            var shocks = LatentBallot.FewShocks(ref e, v.States, v.Scale);
            return v.Nested
                ? LatentVote.EvaluateWordNested(shocks, ref e, ref v.Own, ref v.Bloc, ref v.ObjectBelow, ref v.StatementBelow, out statements)
                : LatentVote.EvaluateWord(shocks, ref e, ref v.Own, ref v.Bloc, ref v.ObjectBelow, ref v.StatementBelow, out statements);
        }
    }

    /// <summary>Each State's latent value in one fused multiply-add of its bloc's shock, then both thresholds, objections looked at only when there are some.</summary>
    private readonly struct FusedVote : IVote
    {
        public static ulong Vote(ref float e, in VoteArrays v, out int statements)
        {
            var shocks = LatentBallot.FewShocks(ref e, v.States, v.Scale);
            ref int b = ref v.Bloc;
            return BothThresholds(
                Fused(ref e, v, 0, Avx512F.PermuteVar16x32(shocks, Vector512.LoadUnsafe(ref b, 0))),
                Fused(ref e, v, 16, Avx512F.PermuteVar16x32(shocks, Vector512.LoadUnsafe(ref b, 16))),
                Fused(ref e, v, 32, Avx512F.PermuteVar16x32(shocks, Vector512.LoadUnsafe(ref b, 32))),
                Fused(ref e, v, 48, Avx512F.PermuteVar16x32(shocks, Vector512.LoadUnsafe(ref b, 48))),
                v,
                out statements);
        }
    }

    /// <summary>As <see cref="FusedVote"/>, but every State takes the first bloc's shock: no lookup of its bloc.</summary>
    private readonly struct FusedOneShock : IVote
    {
        public static ulong Vote(ref float e, in VoteArrays v, out int statements)
        {
            var shock = OneShock(ref e, v);
            return BothThresholds(Fused(ref e, v, 0, shock), Fused(ref e, v, 16, shock), Fused(ref e, v, 32, shock), Fused(ref e, v, 48, shock), v, out statements);
        }
    }

    /// <summary>As <see cref="FusedOneShock"/>, comparing with the statement thresholds only: no objection is ever seen.</summary>
    private readonly struct FusedStatementsOnly : IVote
    {
        public static ulong Vote(ref float e, in VoteArrays v, out int statements)
        {
            var shock = OneShock(ref e, v);
            ref float s = ref v.StatementBelow;
            statements = BitOperations.PopCount(
                Below(Fused(ref e, v, 0, shock), ref s, 0) | Below(Fused(ref e, v, 16, shock), ref s, 16) | Below(Fused(ref e, v, 32, shock), ref s, 32) | Below(Fused(ref e, v, 48, shock), ref s, 48));
            return 0;
        }
    }

    /// <summary>Each State's raw normal compared with its statement threshold: the least work that still looks at every State's draw.</summary>
    private readonly struct RawComparison : IVote
    {
        public static ulong Vote(ref float e, in VoteArrays v, out int statements)
        {
            ref float s = ref v.StatementBelow;
            statements = BitOperations.PopCount(
                Below(Vector512.LoadUnsafe(ref e, 0), ref s, 0) | Below(Vector512.LoadUnsafe(ref e, 16), ref s, 16) | Below(Vector512.LoadUnsafe(ref e, 32), ref s, 32) | Below(Vector512.LoadUnsafe(ref e, 48), ref s, 48));
            return 0;
        }
    }

    /// <summary>The engine's vote without AVX-512 (<see cref="LatentVote256"/>), as its vote-only loop calls it there: the model's arithmetic.</summary>
    private readonly struct EngineVote256 : IVote
    {
        public static ulong Vote(ref float e, in VoteArrays v, out int statements) =>
            LatentVote256.EvaluateWord(LatentVote256.Shocks(ref e, v.States, v.ScaleSlots0To3, v.ScaleSlots4To7), ref e, ref v.Own, ref v.Bloc, ref v.ObjectBelow, ref v.StatementBelow, out statements);
    }

    /// <summary><see cref="RawComparison"/> eight States a step, for processors without AVX-512.</summary>
    private readonly struct RawComparison256 : IVote
    {
        public static ulong Vote(ref float e, in VoteArrays v, out int statements)
        {
            ref float s = ref v.StatementBelow;
            ulong below = 0;
            for (int i = 0; i < LatentVote.WordStates; i += Vector256<float>.Count)
            {
                below |= (ulong)Vector256.LessThan(Vector256.LoadUnsafe(ref e, (nuint)i), Vector256.LoadUnsafe(ref s, (nuint)i)).ExtractMostSignificantBits() << i;
            }

            statements = BitOperations.PopCount(below);
            return 0;
        }
    }

    /// <summary>No vote: every trial is counted as unopposed without a statement.</summary>
    private readonly struct NoVote : IVote
    {
        public static ulong Vote(ref float e, in VoteArrays v, out int statements)
        {
            statements = 0;
            return 0;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> OneShock(ref float e, in VoteArrays v) => Vector512.Create(Unsafe.Add(ref e, v.States) * (float)v.Scale.GetElement(0));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Fused(ref float e, in VoteArrays v, int i, Vector512<float> shocks) =>
        Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref v.Own, (nuint)i), Vector512.LoadUnsafe(ref e, (nuint)i), shocks);

    /// <summary>The statements, and the objector bits only in votes with an objector, as the engine's nested vote takes them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong BothThresholds(Vector512<float> z0, Vector512<float> z1, Vector512<float> z2, Vector512<float> z3, in VoteArrays v, out int statements)
    {
        ref float o = ref v.ObjectBelow;
        ref float s = ref v.StatementBelow;
        ulong below = Below(z0, ref s, 0) | Below(z1, ref s, 16) | Below(z2, ref s, 32) | Below(z3, ref s, 48);
        var anyObjecting = Vector512.LessThan(z0, Vector512.LoadUnsafe(ref o, 0)) | Vector512.LessThan(z1, Vector512.LoadUnsafe(ref o, 16))
            | Vector512.LessThan(z2, Vector512.LoadUnsafe(ref o, 32)) | Vector512.LessThan(z3, Vector512.LoadUnsafe(ref o, 48));
        if (anyObjecting.AsUInt32() == Vector512<uint>.Zero)
        {
            statements = BitOperations.PopCount(below);
            return 0;
        }

        ulong objecting = Below(z0, ref o, 0) | Below(z1, ref o, 16) | Below(z2, ref o, 32) | Below(z3, ref o, 48);
        statements = BitOperations.PopCount(below & ~objecting);
        return objecting;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Below(Vector512<float> z, ref float threshold, int i) =>
        Vector512.LessThan(z, Vector512.LoadUnsafe(ref threshold, (nuint)i)).ExtractMostSignificantBits() << i;
}
