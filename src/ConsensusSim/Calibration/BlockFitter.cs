using System.Globalization;
using ConsensusSim.Sweeps;

namespace ConsensusSim.Calibration;

/// <summary>
/// Fits one block of parameters by penalised maximum likelihood — Nelder–Mead from a few Latin-hypercube starts on the
/// unit cube of the bounds — and finds each parameter's 95 % profile-likelihood interval: the values whose profile
/// deviance (every other parameter of the block re-optimised) lies within χ²₁(0.95) = 3.841 of the minimum, found by
/// stepping out from the estimate in eighths of the distance to each bound and bisecting the first step that crosses.
/// </summary>
internal sealed class BlockFitter
{
    /// <summary>χ²₁(0.95): the rise of the profile deviance that bounds a 95 % interval.</summary>
    public const double Threshold = 3.841458820694124;

    /// <summary>How close to a bound, as a share of the range, an estimate counts as on it.</summary>
    public const double BoundMargin = 0.01;

    private const int Steps = 8;
    private const int Bisections = 12;
    private const double CrossingTolerance = 1e-4;
    private const int MaxRestarts = 3;

    private readonly CalibrationSpec _spec;
    private readonly CellSimulator _simulator;
    private readonly ParameterBlock _block;
    private readonly int _threads;
    private readonly CancellationToken _token;
    private bool _acceptBetter = true;

    public BlockFitter(CalibrationSpec spec, CellSimulator simulator, ParameterBlock block, int threads, CancellationToken token)
    {
        (_spec, _simulator, _block, _threads, _token) = (spec, simulator, block, threads, token);
    }

    /// <summary>Fits the block and profiles each of its parameters; <paramref name="profiled"/> is called after each parameter.</summary>
    public BlockResult Fit(Action<string> profiled)
    {
        var fit = Optimise();
        for (int restart = 0; ; restart++)
        {
            _acceptBetter = restart < MaxRestarts;
            var estimates = new ParameterEstimate[_block.Parameters.Length];
            SimplexResult? better = null;
            for (int i = 0; i < estimates.Length && better is null; i++)
            {
                (estimates[i], better) = Profile(i, fit);
                if (better is null)
                {
                    profiled(_spec.Parameters[_block.Parameters[i]].Name);
                }
            }

            if (better is null)
            {
                return new BlockResult(_block, [.. fit.Point.Select((u, i) => Parameter(i).FromUnit(u))], fit.Value, fit.Converged, estimates);
            }

            // A profile found a lower deviance than the fit: the optimiser had stopped short; start again from there.
            var again = SimplexSearch.Minimise(Objective, better.Value.Point, _token);
            fit = again.Value <= better.Value.Value ? again : better.Value with { Converged = again.Converged };
        }
    }

    /// <summary>The block's penalised deviance at a point of its unit cube.</summary>
    public double Objective(double[] unit)
    {
        double[] theta = Theta(unit);
        var values = _simulator.Values(_block.Cells, theta, _threads, _token);
        double total = 0;
        for (int k = 0; k < values.Length; k++)
        {
            var cell = _spec.Cells[_block.Cells[k]].Observed;
            total += BinomialScore.Deviance(cell.Adopted, cell.Attempts, _simulator.Clamp(values[k].Probability));
        }

        foreach (int j in _block.Parameters)
        {
            total += _spec.Parameters[j].Prior?.Penalty(theta[j]) ?? 0;
        }

        return total;
    }

    private CalibrationParameter Parameter(int i) => _spec.Parameters[_block.Parameters[i]];

    private double[] Theta(double[] unit)
    {
        double[] theta = new double[_spec.Parameters.Count];
        Array.Fill(theta, double.NaN);
        for (int i = 0; i < unit.Length; i++)
        {
            theta[_block.Parameters[i]] = Parameter(i).FromUnit(unit[i]);
        }

        return theta;
    }

    /// <summary>The best of the searches from a Latin hypercube of starts over the unit cube (the spec's seed places them).</summary>
    private SimplexResult Optimise()
    {
        int d = _block.Parameters.Length;
        var design = SweepDesign.LatinHypercube(Enumerable.Range(0, d).Select(i => new SweepRange("u" + i.ToString(CultureInfo.InvariantCulture), 0, 1)), _spec.Starts, _spec.Seed);
        SimplexResult? best = null;
        for (int s = 0; s < design.Count; s++)
        {
            double[] start = [.. design.Point(s).Select(p => double.Parse(p.Value, CultureInfo.InvariantCulture))];
            var result = SimplexSearch.Minimise(Objective, start, _token);
            if (best is null || result.Value < best.Value.Value)
            {
                best = result;
            }
        }

        return best!.Value;
    }

    /// <summary>The parameter's interval and flags, or a better point than the fit if the profile finds one.</summary>
    private (ParameterEstimate Estimate, SimplexResult? Better) Profile(int i, SimplexResult fit)
    {
        var parameter = Parameter(i);
        double at = fit.Point[i];
        var lower = Side(i, fit, 0);
        if (lower.Better is { } b1)
        {
            return (null!, b1);
        }

        var upper = Side(i, fit, 1);
        if (upper.Better is { } b2)
        {
            return (null!, b2);
        }

        var flags = Identifiability.None;
        if (at <= BoundMargin || at >= 1 - BoundMargin)
        {
            flags |= Identifiability.OnBound;
        }

        flags |= (lower.AtBound, upper.AtBound) switch
        {
            (true, true) => Identifiability.Flat,
            (true, false) or (false, true) => Identifiability.OneSided,
            _ => Identifiability.None,
        };
        return (new ParameterEstimate(parameter, parameter.FromUnit(at), parameter.FromUnit(lower.End), parameter.FromUnit(upper.End), flags, _block.Cells.Length), null);
    }

    /// <summary>Where the profile first rises by the threshold between the estimate and a bound (0 or 1), or the bound if it never does.</summary>
    private (double End, bool AtBound, SimplexResult? Better) Side(int i, SimplexResult fit, double bound)
    {
        double at = fit.Point[i];
        double[] warm = [.. fit.Point.Where((_, k) => k != i)];
        double limit = fit.Value + Threshold;
        double inside = at, fInside = fit.Value;
        for (int step = 1; step <= Steps; step++)
        {
            double v = at + ((bound - at) * step / Steps);
            if (v == inside)
            {
                break;
            }

            var (value, point) = ProfileAt(i, v, ref warm);
            if (_acceptBetter && value < fit.Value - (SimplexSearch.Tolerance * (Math.Abs(fit.Value) + 1)))
            {
                return (0, false, new SimplexResult(point, value, fit.Converged));
            }

            if (value > limit)
            {
                return (Bisect(i, inside, v, fInside, value, limit, warm), false, null);
            }

            (inside, fInside) = (v, value);
        }

        return (bound, true, null);
    }

    /// <summary>
    /// The crossing of the limit between a value inside (profile below it) and one outside, by the Illinois variant of
    /// regula falsi: the profile is smooth, so a secant step through the bracket converges in a few evaluations, and
    /// halving the weight of an end kept twice stops it stalling; never more than <see cref="Bisections"/> evaluations.
    /// </summary>
    private double Bisect(int i, double inside, double outside, double fInside, double fOutside, double limit, double[] warm)
    {
        double a = inside, b = outside, fa = fInside - limit, fb = fOutside - limit, c = (a + b) / 2;
        int last = 0;
        for (int k = 0; k < Bisections && Math.Abs(b - a) > CrossingTolerance; k++)
        {
            c = ((a * fb) - (b * fa)) / (fb - fa);
            double fc = ProfileAt(i, c, ref warm).Value - limit;
            if (Math.Abs(fc) < CrossingTolerance)
            {
                break;
            }

            if (fc > 0)
            {
                (b, fb) = (c, fc);
                fa = last > 0 ? fa / 2 : fa;
                last = 1;
            }
            else
            {
                (a, fa) = (c, fc);
                fb = last < 0 ? fb / 2 : fb;
                last = -1;
            }
        }

        return c;
    }

    /// <summary>The profile at a value of parameter i: the block's deviance minimised over its other parameters, from the last profile point's values.</summary>
    private (double Value, double[] Point) ProfileAt(int i, double v, ref double[] warm)
    {
        double[] Full(double[] others) => [.. others[..i], v, .. others[i..]];
        if (warm.Length == 0)
        {
            double[] point = [v];
            return (Objective(point), point);
        }

        var result = SimplexSearch.Minimise(others => Objective(Full(others)), warm, _token);
        warm = result.Point;
        return (result.Value, Full(result.Point));
    }
}

/// <summary>A fitted block: its parameters' values (in block order), its penalised deviance, whether the search converged, and each parameter's estimate.</summary>
internal sealed record BlockResult(ParameterBlock Block, double[] Values, double Objective, bool Converged, ParameterEstimate[] Estimates);
