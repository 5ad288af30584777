using ConsensusSim.Model;
namespace ConsensusSim.Engine.Stages;

/// <summary>
/// The arrays a worker's stages share, allocated once per kernel. A stage copies the references it needs into its own
/// readonly fields when it is built, so sharing costs no indirection in the trial loop and no allocation per trial.
/// </summary>
internal sealed class TrialWorkspace
{
    /// <summary>The vote venues a threshold array holds, one padded row each.</summary>
    private static readonly int VenueCount = Enum.GetValues<VoteVenue>().Length;

    /// <summary>Sizes every array for the plan's scenario.</summary>
    /// <param name="plan">The run's plan.</param>
    public TrialWorkspace(KernelPlan plan)
    {
        var c = plan.Scenario;
        int n = c.StateCount;
        Shape = new TrialShape(n, c.DimensionCount, plan.Padded, c.ItemCount);
        ObjectionProbability = new double[n];
        ObjectionThreshold = PaddedThresholds(VenueCount);
        Ideal = new double[n * c.DimensionCount];
        BlockingCost = new double[n];
        InverseNoise = new double[n];
        Linkage = new double[n];
        Retaliation = new double[n];
        ItemGain = new double[c.ItemCount * n];
        ItemHostage = new double[c.ItemCount * n];
        Gain = new double[n];
        Hostage = new double[n];
        Draft = new double[c.DimensionCount];
        StatusQuo = new double[c.ItemCount * c.DimensionCount];
        TabledDraft = new double[c.ItemCount * c.DimensionCount];
        ObjectBelow = PaddedThresholds(VenueCount);
        StatementBelow = PaddedThresholds(1);
        Objectors = new int[n];
        GainColumns = new GainColumns(c);
    }

    /// <summary>The sizes.</summary>
    public TrialShape Shape { get; }

    /// <summary>Per State: the chance of objecting at a meeting (fixed-objection model).</summary>
    public double[] ObjectionProbability { get; }

    /// <summary>Per venue, per padded State: Φ⁻¹ of the chance of objecting there (fixed-objection model with shared noise).</summary>
    public float[] ObjectionThreshold { get; }

    /// <summary>Per State, per dimension: its ideal point.</summary>
    public double[] Ideal { get; }

    /// <summary>Per State: the cost of blocking.</summary>
    public double[] BlockingCost { get; }

    /// <summary>Per State: 1/σ, ∞ without noise.</summary>
    public double[] InverseNoise { get; }

    /// <summary>Per State: how readily it takes a decision hostage.</summary>
    public double[] Linkage { get; }

    /// <summary>Per State: its retaliation propensity ρ.</summary>
    public double[] Retaliation { get; }

    /// <summary>Per item, per State: the expected gain from the item's draft.</summary>
    public double[] ItemGain { get; }

    /// <summary>Per item, per State: the hostage-taking the item invites.</summary>
    public double[] ItemHostage { get; }

    /// <summary>Per State: the gain of the decision being taken.</summary>
    public double[] Gain { get; }

    /// <summary>Per State: the hostage-taking of the decision being taken.</summary>
    public double[] Hostage { get; }

    /// <summary>The first item's draft as tabled (the Chair may move it).</summary>
    public double[] Draft { get; }

    /// <summary>Per item, per dimension: this trial's status quo (drawn when uncertain).</summary>
    public double[] StatusQuo { get; }

    /// <summary>Per item, per dimension: this trial's draft as the scenario tables it (drawn when uncertain), before any Chair moves it.</summary>
    public double[] TabledDraft { get; }

    /// <summary>Per venue, per padded State: the latent value below which it objects (stance model).</summary>
    public float[] ObjectBelow { get; }

    /// <summary>Per padded State: the latent value below which it joins with a statement (stance model).</summary>
    public float[] StatementBelow { get; }

    /// <summary>The objectors of the last vote, in State order; as many as its tally says.</summary>
    public int[] Objectors { get; }

    /// <summary>Computes every State's gain from a draft a vector of States at a time, from its own copy of <see cref="Ideal"/>.</summary>
    public GainColumns GainColumns { get; }

    /// <summary>A threshold array of <paramref name="venues"/> padded rows, −∞ everywhere (padding lanes never cross it).</summary>
    public float[] PaddedThresholds(int venues)
    {
        var thresholds = new float[venues * Shape.Padded];
        Array.Fill(thresholds, float.NegativeInfinity);
        return thresholds;
    }
}

/// <summary>The sizes of a trial's arrays.</summary>
/// <param name="States">The States.</param>
/// <param name="Dimensions">The policy dimensions.</param>
/// <param name="Padded">The States and bloc shocks, padded to whole vectors.</param>
/// <param name="Items">The proposals decided.</param>
internal readonly record struct TrialShape(int States, int Dimensions, int Padded, int Items);
