namespace ConsensusSim.Engine;

/// <summary>
/// The kernel's test-only switches: each turns a fast path off (or forces a path of the noise generator) so that tests
/// can compare it with the general one. Every combination gives the same bits, but for the conditional sums with
/// <see cref="TabulatedNormalCdf"/> off and for the two switches of the agenda-setting Chair's solver
/// (<see cref="WinSetBallProjection"/>, <see cref="WinSetStepLimit"/>); the default is production.
/// </summary>
internal sealed record KernelSwitches
{
    /// <summary>Every fast path the scenario allows.</summary>
    public static KernelSwitches Production { get; } = new();

    /// <summary>Forces a path of <see cref="NormalBlock"/>.</summary>
    public NormalPath NoisePath { get; init; } = NormalPath.Auto;

    /// <summary>Whether <see cref="LatentVote"/> may take its vector path.</summary>
    public bool VectorVote { get; init; } = true;

    /// <summary>
    /// Whether a compromising Chair's starting draft, gains and thresholds are computed once and restored per trial, and
    /// with random parameters only the States that have them are recomputed.
    /// </summary>
    public bool CacheTrialStart { get; init; } = true;

    /// <summary>Whether a procedure that takes one vote per decision is planned once instead of walked per trial.</summary>
    public bool PlanSingleVote { get; init; } = true;

    /// <summary>Whether a single vote on fixed thresholds runs in the fused loop.</summary>
    public bool FuseSingleVote { get; init; } = true;

    /// <summary>
    /// Whether a single vote whose trials draw only one State's linkage runs in the vote-only loop with the draw and the
    /// State's thresholds inline (<see cref="Stages.LinkageRedraw"/>), and conditional-only trials of such a scenario draw
    /// it inline too; off, both call the general redraw.
    /// </summary>
    public bool InlineLinkageRedraw { get; init; } = true;

    /// <summary>
    /// Whether the vote-only loop, where each trial draws one State's linkage inline, draws the trial's normals into
    /// registers and votes on them there (<see cref="Stages.FusedSingleVoteLoop"/>); off, through the draw-ahead ring.
    /// </summary>
    public bool VoteInRegisters { get; init; } = true;

    /// <summary>
    /// Whether the vote-only loop's trials on thresholds fixed for the run but perhaps one State's drawn linkage, nested and
    /// with few blocs' shocks (the reference trial; the default scenario where the processor has AVX-512), run in a loop of
    /// their own (<see cref="Stages.FusedSingleVoteLoop"/>'s RunFixedThresholds); off, in the general vote-only loop or,
    /// for a drawn linkage, the loop that votes in registers.
    /// </summary>
    public bool FixedThresholdsLoop { get; init; } = true;

    /// <summary>Whether a procedure that takes a chain of votes runs in the fused rounds loop (<see cref="Stages.FusedRoundsLoop"/>).</summary>
    public bool FuseRounds { get; init; } = true;

    /// <summary>
    /// Whether the fused rounds loop, under the consensus rules, takes a blocked vote that another follows from the
    /// objectors' mask alone (a counted objector blocks), without tallying it, and a compromising Chair revises from that
    /// mask with the draft in registers; off, every vote is tallied and revised from its tally.
    /// </summary>
    public bool BlockedVotesFromMask { get; init; } = true;

    /// <summary>Whether a compromising Chair's revision computes gains and thresholds in one vector pass (<see cref="Stages.RevisedThresholds"/>).</summary>
    public bool FuseRevision { get; init; } = true;

    /// <summary>
    /// Whether that one pass computes one gain per distinct ideal point and saliences and hands it to the States that
    /// share them (<see cref="Stages.ProfileRevision"/>); off, it computes every State's own (<see cref="Stages.RevisedThresholds"/>).
    /// </summary>
    public bool ShareProfileGains { get; init; } = true;

    /// <summary>
    /// Whether, sharing profile gains, the revision also computes one set of thresholds per row of States with equal
    /// profile, hostage-taking, cost and noise fixed for the run (<see cref="Stages.ThresholdRows"/>); off, per State.
    /// </summary>
    public bool ShareThresholdRows { get; init; } = true;

    /// <summary>
    /// Whether the agenda-setting Chair's solver may answer in closed form where every State weighs the dimensions as the
    /// Chair does (<see cref="Behaviour.WinSetSolver"/>). Unlike the switches above it moves proposals by rounding (within
    /// the solver's tolerance), so results agree in every count but not always to the bit.
    /// </summary>
    public bool WinSetBallProjection { get; init; } = true;

    /// <summary>
    /// Caps the agenda-setting Chair's win-set solvers at this many steps. Unlike the switches above it changes results:
    /// it lets tests reach the limits that no known instance reaches, to see unproven proposals counted.
    /// </summary>
    public int WinSetStepLimit { get; init; } = int.MaxValue;

    /// <summary>
    /// Whether conditional Monte Carlo takes Φ from <see cref="Numerics.TabulatedNormalCdf"/>; off, it takes the exact
    /// <see cref="Numerics.StandardNormal"/> (the conditional sums then differ within the table's accuracy), for tests
    /// and benchmarks that compare the two.
    /// </summary>
    public bool TabulatedNormalCdf { get; init; } = true;

    /// <summary>
    /// Whether conditional-only trials take the States with fixed thresholds from per-bloc tables
    /// (<see cref="Stages.BlocAdoptionTable"/>); off, every State's factor is computed per trial, from the same draws (the
    /// sums then differ within the tables' accuracy), for tests and benchmarks that compare the two.
    /// </summary>
    public bool TabulateBlocs { get; init; } = true;

    /// <summary>
    /// Whether conditional-only trials look the tables up for several trials at once (<see cref="Stages.AdoptionTablesAcrossTrials"/>,
    /// where the processor has AVX and FMA); off, one trial at a time. The bits are the same.
    /// </summary>
    public bool TablesAcrossTrials { get; init; } = true;

    /// <summary>
    /// Whether, looking the tables up across trials, the States taken one by one are multiplied out for the batch in one
    /// eight-lane pass (<see cref="Stages.ConditionalOnlyAdoption.DirectProducts"/>, where the processor has AVX-512); off,
    /// trial by trial. The bits are the same.
    /// </summary>
    public bool DirectStatesAcrossTrials { get; init; } = true;

    /// <summary>
    /// Whether a linkage drawn per trial is drawn for eight trials at once, in vectors where the processor has AVX-512
    /// (<see cref="Numerics.QuantileTable.EightAtOnce"/>): the vote-only trials then take the loop for fixed thresholds with
    /// <see cref="Stages.EightLinkagesStart"/> (elsewhere with <see cref="Stages.BatchedLinkageStart"/>, eight drawn one after
    /// another), and conditional-only trials take theirs from <see cref="Stages.LinkagesAhead"/>; off, one trial at a time.
    /// The bits are the same.
    /// </summary>
    public bool EightLinkagesAtOnce { get; init; } = true;
}
