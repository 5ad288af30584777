namespace ConsensusSim.Model;

/// <summary>
/// The largest runs and scenarios the library accepts. They live with the model because a scenario is
/// validated against them before any layer above (the engine's noise streams, the runner) sees it.
/// </summary>
internal static class ScenarioLimits
{
    /// <summary>The most trials one run may have: a trial's noise stream is addressed by its index, which the streams' layout keeps below 2⁴⁴.</summary>
    public const long MaxTrials = 1_000_000_000_000;

    /// <summary>The most standard normals one vote may draw in one fill of the noise stream: one per participant and one per bloc.</summary>
    public const int MaxNormalsPerVote = 2 * (1 << 20);

    /// <summary>The most ideal-point coordinates (participants × dimensions) a scenario may have: a trial draws one uniform for each from a stream that addresses 2²⁰ per trial.</summary>
    public const int MaxIdealPointCoordinates = 1 << 20;

    /// <summary>
    /// The most dimensions a scenario with an agenda-setting Chair may have: the win-set solver's linear program keeps a
    /// (2D)² basis, 32 MB at this size.
    /// </summary>
    public const int MaxAgendaSetterDimensions = 1024;
}
