using ConsensusSim.Model;
using ConsensusSim.Simulation;
using ConsensusSim.Engine;
using ConsensusSim.Serialization;

namespace ConsensusSim.Benchmarks;

/// <summary>Compiled scenarios for benchmarks: the reference trial, and synthetic bodies of any size built from it.</summary>
internal static class SyntheticScenarios
{
    /// <summary>The reference trial: 57 States, three dimensions, stance model, noise shared in the six blocs, fixed ideal points, consensus.</summary>
    public static CompiledScenario Reference(int maxRounds = 1, ChairStrategy chair = ChairStrategy.Fixed)
    {
        var builder = Scenario.Default.ToBuilder();
        builder.StateOverrides.Clear();
        builder.Procedure = new ProcedureOptions { MaxRounds = maxRounds };
        builder.Chair = new ChairOptions { Strategy = chair, Step = 0.25 };
        return builder.Build().Compile();
    }

    /// <summary>
    /// The reference trial's States under the fixed-objection model, each objecting with chance 0.01, independently or,
    /// with <paramref name="blocCorrelation"/>, through noise shared in their blocs.
    /// </summary>
    public static CompiledScenario FixedObjection(double? blocCorrelation = null)
    {
        var builder = Reference().Scenario.ToBuilder();
        builder.Behaviour = blocCorrelation is { } rho
            ? new BehaviourOptions { Model = BehaviourModel.FixedObjection, BlocCorrelation = rho }
            : new BehaviourOptions { Model = BehaviourModel.FixedObjection };
        builder.Defaults = new StateProfile { ObjectionProbability = 0.01 };
        builder.StateOverrides.Clear();
        return builder.Build().Compile();
    }

    /// <summary>
    /// The reference trial's States repeated until there are <paramref name="states"/> of them: the
    /// arrays the engine runs on, with State i playing reference State i mod 57.
    /// </summary>
    public static CompiledScenario Synthetic(int states, int maxRounds = 1)
    {
        var r = Reference(maxRounds);
        int n = r.StateCount, d = r.DimensionCount;
        T[] Repeat<T>(T[] source, int stride) => [.. Enumerable.Range(0, states).SelectMany(i => source.Skip((i % n) * stride).Take(stride))];
        return new CompiledScenario(r.Scenario, r.ScenarioSha256)
        {
            StateCount = states,
            DimensionCount = d,
            StateCodes = Repeat(r.StateCodes, 1),
            Model = r.Model,
            MaxRounds = r.MaxRounds,
            Procedure = r.Procedure,
            Counted = Repeat(r.Counted, 1),
            ObjectionProbability = Repeat(r.ObjectionProbability, 1),
            IdealPoint = Repeat(r.IdealPoint, d),
            Salience = Repeat(r.Salience, d),
            BlockingCost = Repeat(r.BlockingCost, 1),
            Noise = Repeat(r.Noise, 1),
            Linkage = Repeat(r.Linkage, 1),
            Retaliation = Repeat(r.Retaliation, 1),
            Bloc = Repeat(r.Bloc, 1),
            BlocCount = r.BlocCount,
            BlocCorrelation = r.BlocCorrelation,
            Weights = Repeat(r.Weights, 1),
            TotalWeight = r.TotalWeight * states / n,
            ItemCount = 1,
            StatusQuo = r.StatusQuo,
            Draft = r.Draft,
            Susceptibility = r.Susceptibility,
            Tension = r.Tension,
            Loss = r.Loss,
            RuleKind = r.RuleKind,
        };
    }
}
