using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace ConsensusSim.Calibration;

/// <summary>
/// MathNet's Nelder–Mead simplex on the unit cube of a block's parameters (each mapped from its bounds). The simplex
/// moves freely; a point outside the cube is evaluated at its nearest point inside plus a steep penalty, so the search
/// comes back and can settle exactly on a bound. The best point evaluated is kept, so running out of evaluations still
/// gives the best point found (reported as not converged).
/// </summary>
internal static class SimplexSearch
{
    /// <summary>
    /// The convergence tolerance: the search stops when the simplex's best and worst objective values differ by less than
    /// 10⁻⁶·(|objective| + 1) on two checks in a row (MathNet's relative criterion, applied to the objective plus one, so
    /// near a perfect fit it is an absolute 10⁻⁶ of deviance).
    /// </summary>
    public const double Tolerance = 1e-6;

    /// <summary>Evaluations allowed per dimension (plus one) and start.</summary>
    public const int EvaluationsPerDimension = 200;

    private const double OutsidePenalty = 1e3;
    private const double FirstStep = 0.1;

    /// <summary>Minimises <paramref name="objective"/> over the unit cube from a start.</summary>
    public static SimplexResult Minimise(Func<double[], double> objective, double[] start, CancellationToken token)
    {
        int d = start.Length;
        double[] best = [.. start.Select(u => Math.Clamp(u, 0, 1))];
        double bestValue = objective(best);
        double Shifted(Vector<double> u)
        {
            token.ThrowIfCancellationRequested();
            double[] inside = new double[d];
            double outside = 0;
            for (int i = 0; i < d; i++)
            {
                inside[i] = Math.Clamp(u[i], 0, 1);
                outside += (u[i] - inside[i]) * (u[i] - inside[i]);
            }

            double value = objective(inside);
            if (value < bestValue)
            {
                (best, bestValue) = (inside, value);
            }

            return value + 1 + (OutsidePenalty * outside);
        }

        var step = Vector<double>.Build.Dense(d, i => start[i] + FirstStep <= 1 ? FirstStep : -FirstStep);
        bool converged;
        try
        {
            var result = NelderMeadSimplex.Minimum(ObjectiveFunction.Value(Shifted), Vector<double>.Build.DenseOfArray(start), step, Tolerance, EvaluationsPerDimension * (d + 1));
            converged = result.ReasonForExit == ExitCondition.Converged;
        }
        catch (MaximumIterationsException)
        {
            converged = false;
        }

        return new SimplexResult(best, bestValue, converged);
    }
}

/// <summary>The best point a search found, its objective and whether the simplex converged.</summary>
internal readonly record struct SimplexResult(double[] Point, double Value, bool Converged);
