using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using ConsensusSim.Model;
using ConsensusSim.Numerics;

namespace ConsensusSim.Engine.Stages;

/// <summary>
/// P(adopted | the blocs' shocks) for a conditional-only trial, given one standard normal per correlated bloc, averaged
/// with P(adopted | the opposite shocks): each counted State's chances of not objecting given its bloc's shock,
/// multiplied. When the
/// thresholds are fixed for the run but for a few States', the States with fixed thresholds are taken a bloc at a time
/// from <see cref="BlocAdoptionTable"/>s built once (States in blocs without shared noise give one constant), and only
/// the few others, and any State without own noise, are multiplied in per trial; otherwise every State's factor is
/// computed per trial by <see cref="ConditionalStage"/>.
/// </summary>
internal sealed class ConditionalOnlyAdoption
{
    /// <summary>With more States than this recomputed per trial, the vector product over all States is cheaper.</summary>
    private const int MaxDirectStates = 8;

    private readonly double[] _shared;
    private readonly double[] _eta;
    private readonly float[] _sharedShock;
    private readonly ConditionalStage _conditional;
    private readonly BlocAdoptionTable[]? _tables;
    private readonly double _constant;
    private readonly float[] _thresholds;
    private readonly int[] _direct;
    private readonly int[] _directSlot;
    private readonly double[] _directInverse;

    public ConditionalOnlyAdoption(KernelPlan plan, TrialWorkspace workspace, LatentBallot latent, ConditionalStage conditional)
    {
        var c = plan.Scenario;
        _shared = [.. plan.CorrelatedBlocs.Select(b => Math.Sqrt(c.BlocCorrelation[b]))];
        _eta = new double[_shared.Length];
        _sharedShock = latent.SharedShock;
        _conditional = conditional;
        _thresholds = c.Model == BehaviourModel.Stance ? workspace.ObjectBelow : workspace.ObjectionThreshold;
        var own = latent.OwnPerState;
        var slot = latent.BlocPerState;

        // Per trial: the States whose thresholds change, and those without own noise (a step in the shock, not a curve).
        bool[] variable = new bool[c.StateCount];
        foreach (int i in plan.VariableStates.IsDefault ? [] : plan.VariableStates)
        {
            variable[i] = true;
        }

        int[] direct = [.. Enumerable.Range(0, c.StateCount).Where(i => c.Counted[i] && (variable[i] || own[i] == 0))];
        _direct = direct;
        _directSlot = [.. direct.Select(i => slot[i])];
        _directInverse = [.. direct.Select(i => own[i] > 0 ? 1.0 / own[i] : 0)];
        // A fixed-objection model's thresholds come from its objection chances, drawn per trial or fixed for the run.
        bool fixedThresholds = c.Model == BehaviourModel.Stance ? plan.StaticThresholds : !c.DrawsPerTrial;
        if (!fixedThresholds || direct.Length > MaxDirectStates || !plan.Switches.TabulateBlocs)
        {
            return;
        }

        double[] Fixed(int s) => [.. Enumerable.Range(0, c.StateCount).Where(i => c.Counted[i] && slot[i] == s && !variable[i] && own[i] > 0).Select(i => (double)_thresholds[i])];
        _tables = [.. Enumerable.Range(0, _shared.Length).Select(s => BlocAdoptionTable.For(_shared[s], OwnOf(s), Fixed(s)))];

        // Blocs without shared noise have shock 0 (and own weight 1): their States' factor is the same in every trial.
        _constant = BlocAdoptionTable.UnsharedProduct(Fixed(_shared.Length));
        AcrossTrials = plan.Switches.TablesAcrossTrials ? AdoptionTablesAcrossTrials.For(_tables, _constant) : null;

        // A bloc's own weight is any of its States' (they share ρ); a slot without States has nothing to weigh.
        double OwnOf(int s) => Array.IndexOf(slot, s) is >= 0 and var i ? own[i] : 1;
    }

    /// <summary>Whether the States with fixed thresholds are taken from tables (tests check the path they mean is taken).</summary>
    public bool Tabulated => _tables is not null;

    /// <summary>
    /// The tables looked up for several trials at once, or null when they are not (a trial's adoption then comes from
    /// <see cref="AntitheticAdoption"/> alone); their products, with <see cref="DirectFactors"/> by <see cref="Mean"/>, give
    /// the bits <see cref="AntitheticAdoption"/> would.
    /// </summary>
    public AdoptionTablesAcrossTrials? AcrossTrials { get; }

    /// <summary>The trial's standard normal shocks, one per bloc with shared noise, for the caller to draw into.</summary>
    public double[] StandardShocks => _eta;

    /// <summary>
    /// The mean of P(adopted | η) and P(adopted | −η) at the shocks η in <see cref="StandardShocks"/>: η and −η are equally likely,
    /// so the mean is P(adopted | η) in expectation, and since adoption only grows with every bloc's shock the two are
    /// negatively correlated and their mean varies less than either (antithetic variates).
    /// </summary>
    /// <returns>The trial's conditional probability of adoption.</returns>
    public double AntitheticAdoption()
    {
        if (_tables is not { } tables)
        {
            return (AdoptionStateByState(1) + AdoptionStateByState(-1)) * 0.5;
        }

        // Both signs in one pass: two independent chains of lookups for the processor to overlap, each multiplied in the
        // order of the blocs, as P(adopted | ±η) is defined.
        var eta = _eta;
        double up = _constant, down = _constant;
        for (int b = 0; b < tables.Length; b++)
        {
            up *= tables[b].At(eta[b]);
            down *= tables[b].At(-eta[b]);
        }

        var (directUp, directDown) = DirectFactors();
        return Mean(up, down, directUp, directDown);
    }

    /// <summary>The antithetic mean of the tables' products and the direct States' factors at η and −η.</summary>
    /// <param name="up">The tables' product at η.</param>
    /// <param name="down">The tables' product at −η.</param>
    /// <param name="directUp">The direct States' product at η (1 without any: the product is then unchanged to the bit).</param>
    /// <param name="directDown">The direct States' product at −η.</param>
    /// <returns>P(adopted | η) and P(adopted | −η), averaged.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Mean(double up, double down, double directUp, double directDown) => ((up * directUp) + (down * directDown)) * 0.5;

    /// <summary>
    /// The product of the factors of the States taken one by one, on their thresholds of this trial, at the shocks η in
    /// <see cref="StandardShocks"/> and at −η; (1, 1) without any such State.
    /// </summary>
    /// <returns>The two products.</returns>
    public (double Up, double Down) DirectFactors() => _direct.Length == 0 ? (1, 1) : Direct();

    /// <summary>P(adopted | the shocks <paramref name="sign"/>·η), every State's factor computed by the conditional stage.</summary>
    private double AdoptionStateByState(double sign)
    {
        var eta = _eta;
        for (int b = 0; b < _shared.Length; b++)
        {
            _sharedShock[b] = (float)(_shared[b] * (sign * eta[b]));
        }

        return _conditional.Adoption();
    }

    /// <summary>The product of the factors of the States taken one by one, on their thresholds of this trial, at the shocks η and −η: two independent chains in one pass.</summary>
    private (double Up, double Down) Direct()
    {
        double up = 1, down = 1;
        for (int k = 0; k < _direct.Length; k++)
        {
            var (atUp, atDown) = DirectArguments(k);
            up *= TabulatedNormalCdf.CdfOrOne(atUp);
            down *= TabulatedNormalCdf.CdfOrOne(atDown);
        }

        return (up, down);
    }

    /// <summary>The number of States whose factors are taken one by one in every trial.</summary>
    public int DirectCount => _direct.Length;

    /// <summary>
    /// Writes the arguments of Φ of the States taken one by one, for the trial in <paramref name="lane"/> of a batch of
    /// <see cref="AdoptionTablesAcrossTrials.Lanes"/>: State k's at η to [k·2L + lane] and at −η to [k·2L + L + lane], L the
    /// lanes; <see cref="DirectProducts"/> multiplies them out for the whole batch.
    /// </summary>
    /// <param name="arguments">The batch's arguments, <see cref="DirectCount"/> rows of 2L.</param>
    /// <param name="lane">The trial's lane.</param>
    public void WriteDirectArguments(Span<double> arguments, int lane)
    {
        const int Lanes = AdoptionTablesAcrossTrials.Lanes;
        for (int k = 0; k < _direct.Length; k++)
        {
            (arguments[(2 * Lanes * k) + lane], arguments[(2 * Lanes * k) + Lanes + lane]) = DirectArguments(k);
        }
    }

    /// <summary>Whether <see cref="DirectProducts"/> can run here (it needs AVX-512, and the runtime to use it).</summary>
    public static bool DirectProductsSupported => Vector512.IsHardwareAccelerated && Avx512F.IsSupported;

    /// <summary>
    /// Each lane's products of the factors written by <see cref="WriteDirectArguments"/>, in the order of the States:
    /// lane by lane the bits of <see cref="DirectFactors"/>, as <see cref="TabulatedNormalCdf"/>'s eight lanes are its scalar's.
    /// </summary>
    /// <param name="arguments">The batch's arguments.</param>
    /// <param name="count">The rows, <see cref="DirectCount"/>.</param>
    /// <param name="up">Each lane's product at η.</param>
    /// <param name="down">Each lane's product at −η.</param>
    public static void DirectProducts(ReadOnlySpan<double> arguments, int count, out Vector256<double> up, out Vector256<double> down)
    {
        const int Row = 2 * AdoptionTablesAcrossTrials.Lanes;
        ArgumentOutOfRangeException.ThrowIfLessThan(arguments.Length, count * Row, nameof(arguments));
        ref double first = ref MemoryMarshal.GetReference(arguments);
        var product = Vector512<double>.One;
        for (int k = 0; k < count; k++)
        {
            product *= TabulatedNormalCdf.CdfOrOne(Vector512.LoadUnsafe(ref first, (nuint)(k * Row)));
        }

        up = product.GetLower();
        down = product.GetUpper();
    }

    /// <summary>
    /// The arguments of Φ in State k's chance of not objecting, at its bloc's shock √ρ·η and at −√ρ·η, on its threshold of
    /// this trial: ±∞ without own noise, where the chance is a step.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private (double Up, double Down) DirectArguments(int k)
    {
        // √ρ·(−η) is −(√ρ·η) to the bit; a bloc without shared noise gives ±0, which every factor treats alike.
        int b = _directSlot[k];
        double shock = b < _shared.Length ? _shared[b] * _eta[b] : 0;
        double theta = _thresholds[_direct[k]];
        double inverse = _directInverse[k];
        return (Argument(shock, theta, inverse), Argument(-shock, theta, inverse));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Argument(double shock, double theta, double inverse) =>
        inverse > 0 ? (shock - theta) * inverse : shock < theta ? double.NegativeInfinity : double.PositiveInfinity;
}
