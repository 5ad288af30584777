using ConsensusSim.Model;

namespace ConsensusSim.Engine;

/// <summary>
/// Every State's parameters in the compiled scenario's order: one per State, and State-major
/// (State i, dimension k at i·D + k) for ideal points and salience. A parameter a profile leaves
/// out is the fixed value 0.
/// </summary>
internal sealed record StateParameters(
    Parameter[] Objection,
    Parameter[] Ideal,
    double[] Salience,
    Parameter[] Cost,
    Parameter[] Noise,
    Parameter[] Linkage,
    Parameter[] Retaliation)
{
    private static readonly Parameter Zero = Parameter.Fixed(0);

    /// <summary>Reads the parameters of every State of <paramref name="s"/> from its resolved profiles.</summary>
    public static StateParameters Of(Scenario s)
    {
        int n = s.States.Count;
        int d = s.Dimensions.Count;
        var profiles = s.States.Select(code => s.Profiles[code]).ToArray();
        Parameter[] PerState(Func<StateProfile, Parameter?> pick) => [.. profiles.Select(p => pick(p) ?? Zero)];

        var ideal = new Parameter[n * d];
        var salience = new double[n * d];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < d; k++)
            {
                ideal[(i * d) + k] = profiles[i].IdealPoint?[k] ?? Zero;
                salience[(i * d) + k] = profiles[i].Salience?[k] ?? 0;
            }
        }

        return new(PerState(p => p.ObjectionProbability), ideal, salience, PerState(p => p.BlockingCost), PerState(p => p.Noise), PerState(p => p.Linkage), PerState(p => p.Retaliation));
    }

    /// <summary>Whether any parameter the behaviour model reads is drawn per trial rather than fixed.</summary>
    public bool AnyRandom(BehaviourModel model) => model == BehaviourModel.FixedObjection
        ? Objection.Any(p => !p.IsFixed)
        : Ideal.Concat(Cost).Concat(Noise).Concat(Linkage).Concat(Retaliation).Any(p => !p.IsFixed);
}
