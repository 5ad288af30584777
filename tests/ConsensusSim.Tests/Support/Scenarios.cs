using ConsensusSim.Model;
using ConsensusSim.Osce;

namespace ConsensusSim.Tests.Support;

/// <summary>Scenarios built in code for tests.</summary>
internal static class Scenarios
{
    /// <summary>The fixed-objection model for the first <c>p.Count</c> States, State i objecting with p[i].</summary>
    public static Scenario FixedObjection(IReadOnlyList<double> p, int maxRounds = 1, DecisionRule? rule = null)
    {
        var codes = OsceCatalog.Default.States.Take(p.Count).Select(s => s.Code).ToList();
        var builder = new ScenarioBuilder
        {
            Name = "fixed objection",
            States = codes,
            Behaviour = new BehaviourOptions { Model = BehaviourModel.FixedObjection },
            Defaults = new StateProfile { ObjectionProbability = 0.0 },
            Procedure = new ProcedureOptions { MaxRounds = maxRounds },
            Rule = rule ?? DecisionRule.Consensus,
        };
        for (int i = 0; i < p.Count; i++)
        {
            builder.StateOverrides.Add(new ProfileOverride(codes[i], new StateProfile { ObjectionProbability = p[i] }));
        }

        return builder.Build();
    }

    /// <summary>
    /// Actors a0, a1, … (not OSCE States) in one bloc with shared noise <paramref name="rho"/>, actor i objecting with
    /// p[i] under the fixed-objection model: a Gaussian copula with a one-dimensional exact integral.
    /// </summary>
    public static Scenario OneBloc(IReadOnlyList<double> p, double rho)
    {
        var b = new ScenarioBuilder
        {
            Name = "one bloc",
            States = [],
            Behaviour = new BehaviourOptions { Model = BehaviourModel.FixedObjection, BlocCorrelation = rho },
            Defaults = new StateProfile { ObjectionProbability = 0.0 },
            Procedure = new ProcedureOptions { MaxRounds = 1 },
        };
        for (int i = 0; i < p.Count; i++)
        {
            b.Actors.Add(new Actor($"a{i}") { Bloc = "bloc" });
            b.StateOverrides.Add(new ProfileOverride($"a{i}", new StateProfile { ObjectionProbability = p[i] }));
        }

        return b.Build();
    }

    /// <summary>
    /// P(nobody in <see cref="OneBloc"/> objects) = ∫ φ(η) Π (1 − Φ((Φ⁻¹(pᵢ) − √ρ·η)/√(1 − ρ))) dη, by the trapezoid rule
    /// on [−12, 12] with MathNet's normal (independent of the library's own).
    /// </summary>
    public static double OneBlocAdoption(IReadOnlyList<double> p, double rho)
    {
        const int Steps = 24_000;
        double h = 24.0 / Steps, sum = 0;
        for (int k = 0; k <= Steps; k++)
        {
            double eta = -12 + (k * h);
            double product = 1;
            foreach (double pi in p)
            {
                product *= 1 - MathNet.Numerics.Distributions.Normal.CDF(0, 1, (MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, pi) - (Math.Sqrt(rho) * eta)) / Math.Sqrt(1 - rho));
            }

            sum += (k == 0 || k == Steps ? 0.5 : 1) * MathNet.Numerics.Distributions.Normal.PDF(0, 1, eta) * product;
        }

        return sum * h;
    }

    public static double[] Uniform(int n, double p) => Enumerable.Repeat(p, n).ToArray();

    /// <summary>
    /// One dimension, <paramref name="ideals"/>.Count actors A0, A1, … at those ideal points, status quo
    /// <paramref name="q"/>, an agenda-setting Chair pursuing A0's ideal point (or <paramref name="chairIdeal"/>), no
    /// blocking cost or linkage, one round.
    /// </summary>
    public static ScenarioBuilder AgendaSetter(IReadOnlyList<double> ideals, double q, double noise, ChairStrategy chair = ChairStrategy.AgendaSetter, double draft = 1.0, double? chairIdeal = null)
    {
        var b = new ScenarioBuilder
        {
            Name = "agenda setter in one dimension",
            States = [],
            Dimensions = ["d"],
            Defaults = new StateProfile { IdealPoint = [0.5], Salience = [1.0], BlockingCost = 0, Noise = noise, Linkage = 0 },
            Chair = chairIdeal is { } a
                ? new ChairOptions { Strategy = chair, IdealPoint = [a] }
                : new ChairOptions { Strategy = chair, State = chair == ChairStrategy.AgendaSetter ? "A0" : null },
            Proposal = new Proposal { StatusQuo = [q], Draft = [draft] },
            Procedure = new ProcedureOptions { MaxRounds = 1 },
        };
        for (int i = 0; i < ideals.Count; i++)
        {
            b.Actors.Add(new Actor($"A{i}"));
            b.StateOverrides.Add(new ProfileOverride($"A{i}", new StateProfile { IdealPoint = [ideals[i]] }));
        }

        return b;
    }

    /// <summary>
    /// Always gridlock: the status quo 0.5 lies strictly between the ideal points 0.2 (the Chair's) and 0.8, so every
    /// move toward the Chair costs the other State; noise 0.1, which gridlock never reaches.
    /// </summary>
    public static Scenario Gridlocked() => AgendaSetter([0.2, 0.8], q: 0.5, noise: 0.1).Build();

    /// <summary>
    /// Gridlock in some trials: <paramref name="n"/> ideal points uniform on [0, 1], status quo 0.5, the Chair one of them;
    /// it can move only when every ideal point lies on its side of 0.5, so P(gridlock) = 1 − 2·0.5ⁿ. With noise the
    /// State at the edge of the win-set (indifferent) may still block: adopted, deadlocked and gridlock all occur.
    /// </summary>
    public static Scenario SometimesGridlocked(int n = 3, double noise = 0.1, int maxRounds = 1)
    {
        var b = AgendaSetter([.. Enumerable.Repeat(0.5, n)], q: 0.5, noise: noise);
        b.StateOverrides.Clear();
        b.Defaults = b.Defaults.OverriddenBy(new StateProfile { IdealPoint = [Parameter.Uniform(0, 1)] });
        b.Procedure = new ProcedureOptions { MaxRounds = maxRounds };
        return b.Build();
    }
}
