using ConsensusSim.Model;
using ConsensusSim.Procedures;
using ConsensusSim.Simulation;
using ConsensusSim.Engine;
using ConsensusSim.Numerics;
using ConsensusSim.Tests.Support;
using ConsensusSim.Serialization;

namespace ConsensusSim.Tests.Engine;

/// <summary>
/// The vectorised engine and its scalar fallbacks give the same bits, so a run's result does not
/// depend on the machine's instruction set; and the procedure's lookup table equals its guards.
/// </summary>
public class SimdPathTests
{
    public static TheoryData<string> Scenarios() => ["default", "reference", "silence", "rounds", "fixed-copula", "many-blocs", "some-blocs-independent", "imported-actors"];

    private static CompiledScenario Build(string name)
    {
        var b = Scenario.Default.ToBuilder();
        switch (name)
        {
            case "reference":
                b.StateOverrides.Clear();
                break;
            case "silence":
                b.Procedure = new ProcedureOptions { MaxRounds = 3, UseSilence = true, AmendmentProbability = 0.01, EscalateToMinisterialCouncil = true };
                break;
            case "rounds":
                b.Procedure = new ProcedureOptions { MaxRounds = 10 };
                b.Chair = new ChairOptions { Strategy = ChairStrategy.Compromise };
                break;
            case "fixed-copula":
                b.Behaviour = new BehaviourOptions { Model = BehaviourModel.FixedObjection, BlocCorrelation = 0.4 };
                b.Defaults = new StateProfile { ObjectionProbability = 0.01 };
                b.StateOverrides.Clear();
                break;
            case "some-blocs-independent":
                // Blocs without shared noise need no shock: they all use the zero slot.
                b.StateOverrides.Clear();
                b.Behaviour = new BehaviourOptions { BlocCorrelation = 0.3, BlocCorrelations = new Dictionary<string, double> { ["eu-bloc"] = 0, ["csto-bloc"] = 0.6 } };
                break;
            case "imported-actors":
                // 160 actors, each a bloc of its own without shared noise: still one vector vote.
                return ConsensusSim.Import.KtabFormat.Load(Path.Combine(AppContext.BaseDirectory, "imports", "ktab-dummyData-a160.csv")).ToScenario().Compile();
            case "many-blocs":
                // More than sixteen blocs: the vector vote cannot hold them in one register and falls back.
                b.States = [.. b.Catalog.States.Take(20).Select(s => s.Code)];
                b.StateOverrides.Clear();
                break;
        }

        var compiled = b.Build().Compile();
        if (name == "many-blocs")
        {
            return new CompiledScenario(compiled.Scenario, compiled.ScenarioSha256)
            {
                StateCount = compiled.StateCount, DimensionCount = compiled.DimensionCount, StateCodes = compiled.StateCodes, Model = compiled.Model,
                MaxRounds = compiled.MaxRounds, Procedure = compiled.Procedure, Counted = compiled.Counted, ObjectionProbability = compiled.ObjectionProbability,
                IdealPoint = compiled.IdealPoint, Salience = compiled.Salience, BlockingCost = compiled.BlockingCost, Noise = compiled.Noise, Linkage = compiled.Linkage, Retaliation = compiled.Retaliation,
                Bloc = [.. Enumerable.Range(0, compiled.StateCount)], BlocCount = compiled.StateCount,
                BlocCorrelation = [.. Enumerable.Repeat(0.3, compiled.StateCount)],
                Weights = compiled.Weights, TotalWeight = compiled.TotalWeight, ItemCount = 1, StatusQuo = compiled.StatusQuo, Draft = compiled.Draft,
                Susceptibility = compiled.Susceptibility, Tension = compiled.Tension, Loss = compiled.Loss, RuleKind = compiled.RuleKind,
            };
        }

        return compiled;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Every_noise_and_vote_path_gives_the_same_tallies(string name)
    {
        var compiled = Build(name);
        TrialAccumulator Run(NormalPath path, bool vector)
        {
            var acc = new TrialAccumulator(compiled.StateCount, compiled.MaxRounds);
            new TrialKernel(compiled, new KernelSwitches { NoisePath = path, VectorVote = vector }).RunChunk(77, 1_000, 3_000, acc);
            return acc;
        }

        var reference = Tallies(Run(NormalPath.Auto, true));
        Assert.Equal(reference, Tallies(Run(NormalPath.Scalar, false)));
        Assert.Equal(reference, Tallies(Run(NormalPath.Vector256, true)));
        Assert.Equal(reference, Tallies(Run(NormalPath.Scalar, true)));
        Assert.Contains("Adopted=", reference, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Any_split_into_chunks_gives_the_same_tallies(string name)
    {
        // The kernel draws the next trials' first blocks ahead within a chunk; chunks of 1, 2, 3 and 7 trials
        // start and end that ring at every position.
        var compiled = Build(name);
        var whole = new TrialAccumulator(compiled.StateCount, compiled.MaxRounds);
        new TrialKernel(compiled).RunChunk(21, 0, 600, whole);
        var pieces = new TrialAccumulator(compiled.StateCount, compiled.MaxRounds);
        var kernel = new TrialKernel(compiled);
        int[] sizes = [1, 2, 3, 7];
        for (long t = 0, k = 0; t < 600; k++)
        {
            long size = Math.Min(sizes[k % sizes.Length], 600 - t);
            kernel.RunChunk(21, t, size, pieces);
            t += size;
        }

        Assert.Equal(Tallies(whole), Tallies(pieces));
    }

    [Fact]
    public void Recomputing_only_the_states_with_random_parameters_gives_the_same_tallies_as_recomputing_all()
    {
        // The default scenario (one random parameter) and one where several States draw every kind of parameter.
        var several = Scenario.Default.ToBuilder();
        several.Behaviour = new BehaviourOptions { Tension = 1.0, BlocCorrelation = 0.3 };

        // Silence and escalation: the thresholds of all three settings are recomputed and compared.
        several.Procedure = new ProcedureOptions { MaxRounds = 3, UseSilence = true, EscalateToMinisterialCouncil = true };
        several.StateOverrides.Add(new ProfileOverride("USA", new StateProfile { IdealPoint = [Parameter.Uniform(0.5, 1), 0.8, Parameter.Beta(2, 2)] }));
        several.StateOverrides.Add(new ProfileOverride("TUR", new StateProfile { BlockingCost = Parameter.Uniform(0, 0.3), Noise = Parameter.TruncatedNormal(0.3, 0.1, 0.05, 1) }));
        several.StateOverrides.Add(new ProfileOverride("ARM", new StateProfile { Linkage = Parameter.Beta(2, 5), Noise = Parameter.Uniform(0.1, 0.5) }));
        foreach (var compiled in new[] { Scenario.Default.Compile(), several.Build().Compile() })
        {
            Assert.True(compiled.HasRandomParameters);
            TrialAccumulator Run(bool incremental)
            {
                var acc = new TrialAccumulator(compiled.StateCount, compiled.MaxRounds);
                new TrialKernel(compiled, new KernelSwitches { CacheTrialStart = incremental }).RunChunk(8, 0, 5_000, acc);
                return acc;
            }

            Assert.True(new TrialKernel(compiled).UsesVariableStates);
            Assert.False(new TrialKernel(compiled, new KernelSwitches { CacheTrialStart = false }).UsesVariableStates);
            var incremental = Run(incremental: true);
            Assert.Equal(Tallies(Run(incremental: false)), Tallies(incremental));
            Assert.InRange(incremental.Adopted, 1, 4_999);
        }
    }

    [Fact]
    public void A_compromising_chairs_cached_trial_start_gives_the_same_tallies_as_recomputing_it()
    {
        var b = Scenario.Default.ToBuilder();
        b.StateOverrides.Clear();
        b.Procedure = new ProcedureOptions { MaxRounds = 10 };
        b.Chair = new ChairOptions { Strategy = ChairStrategy.Compromise, Step = 0.25 };
        b.Behaviour = new BehaviourOptions { Tension = 1.0, BlocCorrelation = 0.3 };
        var compiled = b.Build().Compile();
        Assert.False(compiled.HasRandomParameters);

        TrialAccumulator Run(bool cache)
        {
            var acc = new TrialAccumulator(compiled.StateCount, compiled.MaxRounds);
            new TrialKernel(compiled, new KernelSwitches { CacheTrialStart = cache }).RunChunk(3, 0, 5_000, acc);
            return acc;
        }

        var cached = Run(cache: true);
        Assert.Equal(Tallies(Run(cache: false)), Tallies(cached));
        Assert.True(cached.AdoptedInRound.Skip(1).Sum() > 0, "no trial needed a second round: the test would not exercise restoring");
    }

    [SkippableFact]
    public void The_vector_vote_equals_the_scalar_vote_on_random_inputs()
    {
        Skip.IfNot(VectorPaths.Wide, "This machine has no AVX-512: the vote of sixteen States a step does not run here (EightStateVoteTests checks the vote of eight).");
        var random = TrialRandom.ForTrial(5, 0);
        for (int round = 0; round < 500; round++)
        {
            int n = 1 + (int)(random.NextUInt64() % 300);
            int blocs = 1 + (int)(random.NextUInt64() % 16);
            int padded = LatentVote.Padded(n);
            var (noise, own, bloc, shared, objectBelow, statementBelow) = RandomVote(ref random, padded, n, blocs, 1, ordered: true);
            var scalarMask = new ulong[(padded + 63) / 64];
            var vectorMask = new ulong[scalarMask.Length];
            int scalar = LatentVote.Evaluate(noise, own, bloc, shared.AsSpan(0, blocs), objectBelow, statementBelow, scalarMask, vector: false);
            int vector = LatentVote.Evaluate(noise, own, bloc, shared, objectBelow, statementBelow, vectorMask, vector: true);
            Assert.Equal(scalar, vector);
            Assert.Equal(scalarMask, vectorMask);
        }
    }

    [SkippableFact]
    public void The_unrolled_votes_of_one_word_equal_the_scalar_vote_on_random_inputs()
    {
        Skip.IfNot(VectorPaths.Wide, "This machine has no AVX-512: the unrolled vote of sixteen States a step does not run here (EightStateVoteTests checks the vote of eight).");
        var random = TrialRandom.ForTrial(6, 0);
        int nested = 0;
        for (int round = 0; round < 2_000; round++)
        {
            // Up to a word of States; objection thresholds below the statement thresholds in most rounds, anywhere in the others.
            int n = 1 + (int)(random.NextUInt64() % LatentVote.WordStates);
            int blocs = 1 + (int)(random.NextUInt64() % 16);
            bool ordered = random.NextDouble() < 0.75;
            var (noise, own, bloc, shared, objectBelow, statementBelow) = RandomVote(ref random, LatentVote.WordStates, n, blocs, 1.5, ordered);

            var mask = new ulong[1];
            int statements = LatentVote.Evaluate(noise, own, bloc, shared.AsSpan(0, blocs), objectBelow, statementBelow, mask, vector: false);
            var shocks = System.Runtime.Intrinsics.Vector512.Create(shared);
            ulong word = LatentVote.EvaluateWord(shocks, ref noise[0], ref own[0], ref bloc[0], ref objectBelow[0], ref statementBelow[0], out int wordStatements);
            Assert.Equal(mask[0], word);
            Assert.Equal(statements, wordStatements);
            if (LatentVote.ObjectionsBelowStatements(objectBelow, statementBelow))
            {
                nested++;
                ulong nestedWord = LatentVote.EvaluateWordNested(shocks, ref noise[0], ref own[0], ref bloc[0], ref objectBelow[0], ref statementBelow[0], out int nestedStatements);
                Assert.Equal(mask[0], nestedWord);
                Assert.Equal(statements, nestedStatements);
            }
            else
            {
                Assert.False(ordered, "ordered thresholds were not recognised as such");
            }
        }

        Assert.InRange(nested, 1_000, 2_000);
    }

    [SkippableFact]
    public void Two_trials_voted_together_sixteen_states_a_step_each_get_the_scalar_vote()
    {
        // The pair vote asks whether either trial objects through the smaller of their latent values and counts statements
        // as those below the statement thresholds less the objectors; both hold only for nested thresholds, as its loop ensures.
        Skip.IfNot(VectorPaths.Wide, "This machine has no AVX-512: the pair vote of sixteen States a step does not run here (EightStateVoteTests checks the pair of eight).");
        var random = TrialRandom.ForTrial(23, 0);
        int firstOnly = 0;
        int secondOnly = 0;
        int withStatements = 0;
        for (int round = 0; round < 4_000; round++)
        {
            int n = 1 + (int)(random.NextUInt64() % LatentVote.WordStates);
            int blocs = 1 + (int)(random.NextUInt64() % 16);
            var (noise, own, bloc, shared, objectBelow, statementBelow) = RandomVote(ref random, LatentVote.WordStates, n, blocs, 1.5 + random.NextDouble(), ordered: true);
            var (otherNoise, otherShared) = SecondTrial(ref random, noise.Length, n, shared.Length, blocs);

            var mask = new ulong[1];
            var otherMask = new ulong[1];
            int statements = LatentVote.Evaluate(noise, own, bloc, shared.AsSpan(0, blocs), objectBelow, statementBelow, mask, vector: false);
            int otherStatements = LatentVote.Evaluate(otherNoise, own, bloc, otherShared.AsSpan(0, blocs), objectBelow, statementBelow, otherMask, vector: false);
            LatentVote.EvaluateWordPairNested(
                System.Runtime.Intrinsics.Vector512.Create(shared),
                System.Runtime.Intrinsics.Vector512.Create(otherShared),
                ref noise[0],
                ref otherNoise[0],
                ref own[0],
                ref bloc[0],
                ref objectBelow[0],
                ref statementBelow[0],
                out ulong word,
                out int wordStatements,
                out ulong otherWord,
                out int otherWordStatements);
            Assert.Equal((mask[0], statements), (word, wordStatements));
            Assert.Equal((otherMask[0], otherStatements), (otherWord, otherWordStatements));
            firstOnly += word != 0 && otherWord == 0 ? 1 : 0;
            secondOnly += word == 0 && otherWord != 0 ? 1 : 0;
            withStatements += (word != 0 && wordStatements > 0 ? 1 : 0) + (otherWord != 0 && otherWordStatements > 0 ? 1 : 0);
        }

        // Pairs where only one trial objects were tried both ways round (the other must then get no objector bits), and
        // votes with both objectors and statements, whose count the objectors reduce.
        Assert.True(firstOnly > 100 && secondOnly > 100, $"only {firstOnly} and {secondOnly} pairs had an objector in one trial alone");
        Assert.True(withStatements > 100, $"only {withStatements} votes had both objectors and statements");
    }

    /// <summary>
    /// A second trial's normals for a pair vote on the same States: <paramref name="n"/> standard normals in
    /// <paramref name="length"/> lanes, and <paramref name="blocs"/> blocs' shocks in <paramref name="slots"/> slots, zeros beyond.
    /// </summary>
    internal static (float[] Noise, float[] Shared) SecondTrial(ref TrialRandom random, int length, int n, int slots, int blocs)
    {
        var noise = new float[length];
        var shared = new float[slots];
        for (int i = 0; i < n; i++)
        {
            noise[i] = (float)random.NextNormal();
        }

        for (int slot = 0; slot < blocs; slot++)
        {
            shared[slot] = (float)random.NextNormal();
        }

        return (noise, shared);
    }

    /// <summary>
    /// A random vote of <paramref name="n"/> States in <paramref name="padded"/> lanes (padding at −∞): objection thresholds
    /// N(0, 1) − <paramref name="shift"/>; statement thresholds above them by U(0, 1) when <paramref name="ordered"/>, else
    /// drawn as they are.
    /// </summary>
    internal static (float[] Noise, float[] Own, int[] Bloc, float[] Shared, float[] ObjectBelow, float[] StatementBelow) RandomVote(
        ref TrialRandom random, int padded, int n, int blocs, double shift, bool ordered)
    {
        var noise = new float[padded];
        var own = new float[padded];
        var bloc = new int[padded];
        var shared = new float[LatentVote.MaxVectorBlocs];
        var objectBelow = new float[padded];
        var statementBelow = new float[padded];
        Array.Fill(objectBelow, float.NegativeInfinity);
        Array.Fill(statementBelow, float.NegativeInfinity);
        for (int b = 0; b < blocs; b++)
        {
            shared[b] = (float)random.NextNormal();
        }

        for (int i = 0; i < n; i++)
        {
            noise[i] = (float)random.NextNormal();
            own[i] = (float)random.NextDouble();
            bloc[i] = (int)(random.NextUInt64() % (ulong)blocs);
            objectBelow[i] = (float)(random.NextNormal() - shift);
            statementBelow[i] = ordered ? objectBelow[i] + (float)random.NextDouble() : (float)(random.NextNormal() - shift);
        }

        return (noise, own, bloc, shared, objectBelow, statementBelow);
    }

    [SkippableFact]
    public void The_half_width_shocks_equal_the_full_width_shocks_in_every_slot_a_state_reads()
    {
        Skip.IfNot(VectorPaths.Wide, "This machine has no AVX-512: these shocks are not computed here (EightStateVoteTests checks the eight-slot ones).");
        var random = TrialRandom.ForTrial(7, 0);
        for (int round = 0; round < 500; round++)
        {
            int states = (int)(random.NextUInt64() % 100);
            var noise = new float[states + 16];
            for (int i = 0; i < noise.Length; i++)
            {
                noise[i] = (float)random.NextNormal();
            }

            var scales = new double[16];
            int shocks = (int)(random.NextUInt64() % 8);
            for (int b = 0; b < shocks; b++)
            {
                scales[b] = Math.Sqrt(random.NextDouble());
            }

            var low = System.Runtime.Intrinsics.Vector512.Create(scales.AsSpan(0, 8));
            var high = System.Runtime.Intrinsics.Vector512.Create(scales.AsSpan(8, 8));
            var full = ConsensusSim.Engine.Stages.LatentBallot.Shocks(noise, states, low, high);
            var half = ConsensusSim.Engine.Stages.LatentBallot.FewShocks(noise, states, low);
            for (int slot = 0; slot < ConsensusSim.Engine.Stages.LatentBallot.FewShockSlots; slot++)
            {
                Assert.Equal(BitConverter.SingleToInt32Bits(full[slot]), BitConverter.SingleToInt32Bits(half[slot]));
            }
        }
    }

    [Fact]
    public void The_procedure_lookup_table_equals_firing_the_guards()
    {
        foreach (var definition in ProcedureDefinition.All)
        {
            var compiled = definition.Compile();
            foreach (var stage in Enum.GetValues<ProcedureStage>())
            {
                if (compiled.TriggerAt(stage) is not { } trigger)
                {
                    continue;
                }

                foreach (var context in ProcedureContext.All())
                {
                    Assert.True(compiled.TryFire(stage, trigger, context, out var expected));
                    Assert.Equal(expected, compiled.Next(stage, context.Flags));
                }
            }
        }
    }

    internal static string Tallies(TrialAccumulator acc) => string.Join(
        "; ",
        typeof(TrialAccumulator).GetProperties()
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + (p.GetValue(acc) is long[] array ? string.Join(",", array) : p.GetValue(acc))));
}
