using ConsensusSim.Numerics;

namespace ConsensusSim.Calibration;

/// <summary>The binomial deviance and log likelihood of a cell, with the library's own logarithm (the same bits on every platform).</summary>
internal static class BinomialScore
{
    /// <summary>
    /// 2·[k·ln(k/(n·p)) + (n − k)·ln((n − k)/(n·(1 − p)))]: twice the log-likelihood ratio of the observed rate against
    /// p, 0 when p = k/n; a term with k = 0 or k = n is 0.
    /// </summary>
    public static double Deviance(int adopted, int attempts, double p)
    {
        double d = 0;
        if (adopted > 0)
        {
            d += adopted * DeterministicMath.Log(adopted / (attempts * p));
        }

        int failed = attempts - adopted;
        if (failed > 0)
        {
            d += failed * DeterministicMath.Log(failed / (attempts * (1 - p)));
        }

        return 2 * d;
    }

    /// <summary>k·ln p + (n − k)·ln(1 − p).</summary>
    public static double LogLikelihood(int adopted, int attempts, double p)
    {
        double l = 0;
        if (adopted > 0)
        {
            l += adopted * DeterministicMath.Log(p);
        }

        int failed = attempts - adopted;
        if (failed > 0)
        {
            l += failed * DeterministicMath.Log(1 - p);
        }

        return l;
    }
}
