namespace ConsensusSim.Model;

/// <summary>How the procedure runs: which definition, how many rounds, silence and escalation.</summary>
/// <remarks><threadsafety>Immutable once constructed.</threadsafety></remarks>
public sealed class ProcedureOptions
{
    /// <summary>The procedure's identifier: <c>consensus</c> (the OSCE procedure, default) or <c>single-decision</c>.</summary>
    public string Procedure { get; init; } = ScenarioFields.Procedure.Id.DefaultAs<string>();

    /// <summary>Meetings at which the draft is put before it is given up or escalated. Default 1.</summary>
    public int MaxRounds { get; init; } = ScenarioFields.Procedure.MaxRounds.DefaultAs<int>();

    /// <summary>Whether the Chair puts the draft under silence procedure after a meeting instead of deciding there. Default false.</summary>
    public bool UseSilence { get; init; } = ScenarioFields.Procedure.UseSilence.DefaultAs<bool>();

    /// <summary>Whether a draft blocked in the last round goes to the Ministerial Council for one more vote. Default false.</summary>
    public bool EscalateToMinisterialCouncil { get; init; } = ScenarioFields.Procedure.Escalate.DefaultAs<bool>();

    /// <summary>
    /// How much harder it is to break silence than to object at a meeting (≥ 1): blocking costs are
    /// multiplied, fixed objection probabilities divided by it. Default 1.5.
    /// </summary>
    public double SilenceDeterrence { get; init; } = ScenarioFields.Procedure.SilenceDeterrence.DefaultNumber;

    /// <summary>Probability in [0, 1] that a State which does not object still breaks silence with an amendment. Default 0.</summary>
    public double AmendmentProbability { get; init; } = ScenarioFields.Procedure.AmendmentProbability.DefaultNumber;

    /// <summary>How much harder it is to object at the Ministerial Council (≥ 1), applied like <see cref="SilenceDeterrence"/>. Default 1.5.</summary>
    public double MinisterialDeterrence { get; init; } = ScenarioFields.Procedure.MinisterialDeterrence.DefaultNumber;

    /// <summary>
    /// Whether, after a package of proposals fails, the Chair puts them one by one, in order, each decided by the same
    /// procedure; the package's outcome is still the trial's, and each proposal's outcome after the fallback is reported
    /// beside it. Needs two or more proposals. Default false.
    /// </summary>
    public bool PackageFallback { get; init; } = ScenarioFields.Procedure.PackageFallback.DefaultAs<bool>();
}
