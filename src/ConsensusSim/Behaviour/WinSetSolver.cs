using ConsensusSim.Model;

namespace ConsensusSim.Behaviour;

/// <summary>
/// The agenda-setting Chair's proposal from the whole win-set of the status quo, in any number of dimensions (Tsebelis's
/// agenda-setter; Romer and Rosenthal): the point p* of the policy space [0, 1]^D that minimises the Chair's loss
/// L_a(p) = Σ_d w_d ℓ(p_d − a_d) among the points every needed State i accepts, gᵢ(p) ≥ rᵢ, where
/// gᵢ(p) = Σ_d s_id (ℓ(q_d − x_id) − ℓ(p_d − x_id)) and rᵢ is the gain it requires (hostage-taking minus blocking cost).
/// Nothing is tabled when no needed State set accepts a point the Chair prefers to q (<see cref="WinSetStatus"/>).
/// </summary>
/// <remarks>
/// <para>
/// With linear loss (ℓ = |·|) each acceptable set is a weighted L1 ball, a polytope, and the problem is a linear
/// program in (p, u) with uᵢ ≥ |p_d − a_d|: a dual simplex starts from the Chair's ideal point and adds, as cutting
/// planes, the facet of a State's ball that the current point violates most (signs sign(p − xᵢ)), with Bland's rule
/// after degenerate pivots; it is exact up to rounding. Ties on a face parallel to the Chair's indifference surface go
/// toward q (a tie-break weight of 10⁻¹³ on a − q).
/// </para>
/// <para>
/// With quadratic loss each acceptable set is an axis-aligned ellipsoid, and a dual active-set method (Goldfarb and
/// Idnani's, for quadratic constraints) maximises the Lagrangian dual θ(μ): for multipliers μ the Lagrangian's minimiser
/// is closed form per coordinate, p_d(μ) = (w_d a_d + Σ μᵢ s_id x_id) / (w_d + Σ μᵢ s_id). The most violated State joins
/// the active set, Newton's method on the active multipliers makes their constraints tight, a multiplier that falls to
/// 0 leaves, and a State whose constraint depends on the active ones takes a dual step that drops one (θ is linear
/// there). It stops when p(μ) is feasible with a duality gap below <see cref="Tolerance"/>, or when θ proves that no
/// feasible point beats q (weak duality). On the rare instance where it, or the linear program, reaches its iteration
/// limit (nearly tangent ellipsoids; about one in 2,200 with positions on a grid of eighths and sparse saliences, none in
/// the random properties; the linear program never seen), the ellipsoid method solves the instance again: slow, but
/// convergent and proving what it answers (<see cref="LastAnswerUnproven"/> says when it could not).
/// </para>
/// <para>
/// Where every needed State has the same saliences and the Chair's weights are proportional to them (Euclidean
/// preferences, as in the veto-player experiments), each acceptable set is a ball in one metric, and a working-set method
/// with a closed form per working set projects the Chair's ideal point onto their intersection first
/// (<see cref="WinSetBallProjection"/>); it answers only with a certificate of optimality (the KKT conditions, checked)
/// and leaves any instance it cannot certify to the dual method. Its point is optimal to rounding, with every needed
/// State at or inside its boundary; where acceptable sets are nearly tangent and the Chair weighs its loss far above
/// the States', the dual method's, which may use up to half the margin, can be better for the Chair by more than the
/// tolerance.
/// </para>
/// <para>
/// Tolerances: the Chair counts on State i only with gᵢ(p) ≥ rᵢ + <see cref="Margin"/>/2 (the problem is solved with
/// every constraint tightened by <see cref="Margin"/>, so that rounding in the vote cannot turn an acceptance), and
/// tables a point only when it lowers its own loss by more than <see cref="Tolerance"/>, within which the point is
/// optimal. A dimension on which the Chair's salience is at most 10⁻¹¹ gets that weight with the status quo as target:
/// the Chair keeps q there unless moving buys it something. Arithmetic is + − × ÷ and √ only: the same bits everywhere.
/// </para>
/// <para>
/// A solver owns scratch arrays sized for its dimensions and States, so <see cref="Solve"/> allocates nothing; it is
/// not thread-safe (use one per thread).
/// </para>
/// </remarks>
public sealed class WinSetSolver
{
    /// <summary>The gain, beyond what it requires, that the Chair leaves each needed State (in loss units, losses being at most 1).</summary>
    public const double Margin = 1e-12;

    /// <summary>How much the Chair's loss must fall for it to table a point, and how close to optimal the tabled point is.</summary>
    public const double Tolerance = 1e-10;

    /// <summary>The most dimensions the solver takes (<see cref="ScenarioLimits.MaxAgendaSetterDimensions"/>).</summary>
    internal const int MaxDimensions = ScenarioLimits.MaxAgendaSetterDimensions;

    private readonly WinSetInstance _instance;
    private readonly WinSetLinearProgram? _linear;
    private readonly WinSetQuadraticDual? _quadratic;
    private readonly WinSetBallProjection? _balls;
    private readonly WinSetEllipsoid _fallback;
    private readonly double[] _fallbackProposal;

    /// <summary>A solver for problems with <paramref name="dimensions"/> dimensions and up to <paramref name="states"/> States.</summary>
    /// <param name="dimensions">D, from 1 to 1,024.</param>
    /// <param name="states">The States, at least 0, and D × States at most 1,048,576 (as in a scenario).</param>
    /// <param name="loss">The loss function of the Chair and the States.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range or <paramref name="loss"/> is not defined.</exception>
    public WinSetSolver(int dimensions, int states, LossFunction loss)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(states);

        // The linear program's basis is a (2D)² matrix and the instance holds D × States coordinates; past these limits
        // their sizes would overflow an int before any memory was asked for.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dimensions, MaxDimensions);
        if ((long)dimensions * states > ScenarioLimits.MaxIdealPointCoordinates)
        {
            throw new ArgumentOutOfRangeException(nameof(states), states, $"Dimensions × States must be at most {ScenarioLimits.MaxIdealPointCoordinates:N0}, as in a scenario; {dimensions} × {states} is more.");
        }

        if (!Enum.IsDefined(loss))
        {
            throw new ArgumentOutOfRangeException(nameof(loss), loss, "Not a defined loss function.");
        }

        Dimensions = dimensions;
        States = states;
        Loss = loss;
        _instance = new WinSetInstance(dimensions, states);
        if (loss == LossFunction.Linear)
        {
            _linear = new WinSetLinearProgram(_instance, states);
        }
        else
        {
            _quadratic = new WinSetQuadraticDual(_instance);
            _balls = new WinSetBallProjection(_instance);
        }

        _fallback = new WinSetEllipsoid(_instance);
        _fallbackProposal = new double[dimensions];
    }

    /// <summary>D, the dimensions of the policy space.</summary>
    public int Dimensions { get; }

    /// <summary>The most States a problem may have.</summary>
    public int States { get; }

    /// <summary>The loss function of the Chair and the States.</summary>
    public LossFunction Loss { get; }

    /// <summary>Whether the active-set method stopped at its iteration limit in the last solve, so that the ellipsoid method answered.</summary>
    internal bool HitIterationLimit { get; private set; }

    /// <summary>
    /// Whether the last answer is unproven: the active-set method (the linear program or the quadratic dual) stopped at
    /// its iteration limit and the ellipsoid method at its own; the better proposal of the two is then tabled, or
    /// gridlock when neither found one.
    /// </summary>
    public bool LastAnswerUnproven { get; private set; }

    /// <summary>How many solves so far were unproven (<see cref="LastAnswerUnproven"/>): a Chair that solves several times a trial counts a trial by it.</summary>
    internal long UnprovenSolves { get; private set; }

    /// <summary>
    /// Caps every method's steps, so that tests can reach the limits that no known instance reaches and see an unproven
    /// answer counted; unlimited otherwise.
    /// </summary>
    internal int StepLimit
    {
        get => _fallback.StepLimit;
        set
        {
            if (_linear is not null)
            {
                _linear.StepLimit = value;
            }

            if (_quadratic is not null)
            {
                _quadratic.StepLimit = value;
                _balls!.StepLimit = value;
            }

            _fallback.StepLimit = value;
        }
    }

    /// <summary>Whether the last solve was answered by the closed-form projection (<see cref="WinSetBallProjection"/>).</summary>
    internal bool AnsweredInClosedForm { get; private set; }

    /// <summary>Whether the closed-form projection may answer where every State shares the Chair's metric (tests turn it off to reach the dual method).</summary>
    internal bool UseBallProjection { get; set; } = true;

    /// <summary>
    /// The Chair's best point in the win-set of <paramref name="statusQuo"/>: written to <paramref name="proposal"/> when the
    /// result is <see cref="WinSetStatus.Tabled"/>, and the status quo written there otherwise.
    /// </summary>
    /// <param name="statusQuo">q, one coordinate per dimension, in [0, 1].</param>
    /// <param name="chairIdeal">a, the Chair's ideal point, in [0, 1].</param>
    /// <param name="chairSalience">The Chair's weight on each dimension (nonnegative; a chairing State's saliences, or 1/D each).</param>
    /// <param name="idealPoints">The States' ideal points in [0, 1], State-major: index i·D + d.</param>
    /// <param name="salience">The States' salience weights (nonnegative), laid out like <paramref name="idealPoints"/>.</param>
    /// <param name="required">The gain rᵢ each State requires to accept (hostage-taking minus blocking cost); one per State.</param>
    /// <param name="needed">Whether the Chair needs each State's acceptance (for the consensus rules, whether its objection counts).</param>
    /// <param name="proposal">Receives the proposal, one coordinate per dimension.</param>
    /// <returns>Whether the Chair tables a text, and if not why.</returns>
    /// <exception cref="ArgumentException">A span has the wrong length, or a value is not finite or out of its range.</exception>
    public WinSetStatus Solve(
        ReadOnlySpan<double> statusQuo,
        ReadOnlySpan<double> chairIdeal,
        ReadOnlySpan<double> chairSalience,
        ReadOnlySpan<double> idealPoints,
        ReadOnlySpan<double> salience,
        ReadOnlySpan<double> required,
        ReadOnlySpan<bool> needed,
        Span<double> proposal)
    {
        int d = Dimensions, n = required.Length;
        WinSetArguments.CheckPoint(statusQuo, d, nameof(statusQuo));
        WinSetArguments.CheckPoint(chairIdeal, d, nameof(chairIdeal));
        WinSetArguments.CheckWeights(chairSalience, d, nameof(chairSalience));
        if (n > States)
        {
            throw new ArgumentException($"Too long: this solver was sized for {States} States.", nameof(required));
        }

        WinSetArguments.CheckPoint(idealPoints, n * d, nameof(idealPoints));
        WinSetArguments.CheckWeights(salience, n * d, nameof(salience));
        WinSetArguments.CheckFinite(required, nameof(required));
        if (needed.Length != n)
        {
            throw new ArgumentException("Needs one flag per State (one per required gain).", nameof(needed));
        }

        if (proposal.Length != d)
        {
            throw new ArgumentException("Needs one coordinate per dimension.", nameof(proposal));
        }

        return SolveUnchecked(statusQuo, chairIdeal, chairSalience, idealPoints, salience, required, needed, proposal);
    }

    /// <summary>What <see cref="Solve"/> does, for callers that have checked the arguments once for a whole run.</summary>
    internal WinSetStatus SolveUnchecked(
        ReadOnlySpan<double> statusQuo,
        ReadOnlySpan<double> chairIdeal,
        ReadOnlySpan<double> chairSalience,
        ReadOnlySpan<double> idealPoints,
        ReadOnlySpan<double> salience,
        ReadOnlySpan<double> required,
        ReadOnlySpan<bool> needed,
        Span<double> proposal)
    {
        Prepare(chairSalience, salience, needed);
        return SolvePrepared(statusQuo, chairIdeal, idealPoints, required, proposal);
    }

    /// <summary>Takes in what stays the same from trial to trial of a run: the Chair's and the States' saliences, and who is needed.</summary>
    internal void Prepare(ReadOnlySpan<double> chairSalience, ReadOnlySpan<double> salience, ReadOnlySpan<bool> needed)
    {
        _instance.LoadShape(chairSalience, salience, needed, Loss);
        _instance.ScanTargetWhileLoading = !ProjectsInClosedForm;
    }

    /// <summary>Whether the closed-form projection answers first (so the States' first scan takes its form).</summary>
    private bool ProjectsInClosedForm => _balls is not null && _instance.SharedMetric && UseBallProjection;

    /// <summary>
    /// Solves for this trial's status quo, ideal points and required gains, with what <see cref="Prepare"/> took in; the
    /// ideal points State-major, or dimension-major with <paramref name="columnStride"/> &gt; 0 (<see cref="WinSetInstance.LoadTrial"/>).
    /// </summary>
    internal WinSetStatus SolvePrepared(ReadOnlySpan<double> statusQuo, ReadOnlySpan<double> chairIdeal, ReadOnlySpan<double> idealPoints, ReadOnlySpan<double> required, Span<double> proposal, int columnStride = 0)
    {
        _instance.LoadTrial(statusQuo, chairIdeal, idealPoints, required, columnStride);
        return SolveLoaded(statusQuo, proposal);
    }

    /// <summary>
    /// <see cref="SolvePrepared"/> for dimension-major ideal points with <paramref name="columnStride"/>, read where they are
    /// when the instance can (<see cref="WinSetInstance.CanLoadInPlace"/>), else copied; they must not change during the solve.
    /// </summary>
    internal WinSetStatus SolvePreparedOnColumns(ReadOnlySpan<double> statusQuo, ReadOnlySpan<double> chairIdeal, double[] columns, int columnStride, ReadOnlySpan<double> required, Span<double> proposal)
    {
        if (_instance.CanLoadInPlace(columnStride))
        {
            _instance.LoadTrialInPlace(statusQuo, chairIdeal, columns, required);
        }
        else
        {
            _instance.LoadTrial(statusQuo, chairIdeal, columns, required, columnStride);
        }

        return SolveLoaded(statusQuo, proposal);
    }

    /// <summary>Solves the trial the instance holds.</summary>
    private WinSetStatus SolveLoaded(ReadOnlySpan<double> statusQuo, Span<double> proposal)
    {
        var instance = _instance;
        HitIterationLimit = false;
        LastAnswerUnproven = false;
        AnsweredInClosedForm = false;
        WinSetStatus status;
        if (instance.StatusQuoLoss <= Tolerance && instance.StatusQuoAcceptable)
        {
            // The Chair's ideal is the status quo, which every needed State accepts: nothing could be better for it.
            status = WinSetStatus.StatusQuoBest;
        }
        else if (instance.SomeoneAcceptsNothing)
        {
            status = instance.StatusQuoAcceptable ? WinSetStatus.StatusQuoBest : WinSetStatus.Empty;
        }
        else if (ProjectsInClosedForm && _balls!.TrySolve(proposal, out status))
        {
            AnsweredInClosedForm = true;
        }
        else
        {
            status = _linear is { } lp ? lp.Solve(proposal) : _quadratic!.Solve(proposal);
            HitIterationLimit = _linear?.HitIterationLimit ?? _quadratic!.HitIterationLimit;
            if (HitIterationLimit)
            {
                status = Fallback(status, proposal);
            }
        }

        if (status != WinSetStatus.Tabled)
        {
            statusQuo[..Dimensions].CopyTo(proposal);
        }

        return status;
    }

    /// <summary>The ellipsoid method's answer when it proves one; else the better of its proposal and the active-set method's.</summary>
    private WinSetStatus Fallback(WinSetStatus status, Span<double> proposal)
    {
        var fallback = _fallback.Solve(_fallbackProposal);
        LastAnswerUnproven = !_fallback.Proven;
        UnprovenSolves += LastAnswerUnproven ? 1 : 0;
        bool takeFallback = _fallback.Proven
            || (fallback == WinSetStatus.Tabled && (status != WinSetStatus.Tabled || _fallback.ProposalLoss < _instance.ChairLoss(proposal)));
        if (!takeFallback)
        {
            return status;
        }

        if (fallback == WinSetStatus.Tabled)
        {
            _fallbackProposal.CopyTo(proposal);
        }

        return fallback;
    }
}
