using System.Numerics;
using ConsensusSim.Model;
using ConsensusSim.Numerics;

namespace ConsensusSim.Analysis;

/// <summary>
/// Exact results for the fixed-objection model, where each State objects independently with its
/// own probability: the baseline every simulation is checked against.
/// </summary>
public static class IndependentObjections
{
    /// <summary>P(adopted) under consensus in one round: Π(1 − pᵢ).</summary>
    /// <param name="objectionProbabilities">Each State's probability of objecting, in [0, 1].</param>
    /// <returns>The probability that nobody objects.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A probability is outside [0, 1] or not a number.</exception>
    public static double ConsensusProbability(IReadOnlyList<double> objectionProbabilities)
    {
        CheckProbabilities(objectionProbabilities);
        double product = 1;
        foreach (double p in objectionProbabilities)
        {
            product *= 1 - p;
        }

        return product;
    }

    /// <summary>
    /// The Poisson-binomial distribution of the number of objectors: element k is P(exactly k States object).
    /// Computed by the stable O(n²) recursion over States.
    /// </summary>
    /// <param name="objectionProbabilities">Each State's probability of objecting, in [0, 1].</param>
    /// <returns>An array of length n + 1 summing to 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A probability is outside [0, 1] or not a number.</exception>
    public static double[] ObjectorCountDistribution(IReadOnlyList<double> objectionProbabilities)
    {
        CheckProbabilities(objectionProbabilities);
        var pmf = new double[objectionProbabilities.Count + 1];
        pmf[0] = 1;
        int seen = 0;
        foreach (double p in objectionProbabilities)
        {
            seen++;
            for (int k = seen; k >= 1; k--)
            {
                pmf[k] = (pmf[k] * (1 - p)) + (pmf[k - 1] * p);
            }

            pmf[0] *= 1 - p;
        }

        return pmf;
    }

    /// <summary>
    /// P(adopted within <paramref name="rounds"/> independent rounds): 1 − (1 − q)^R with q = Π(1 − pᵢ).
    /// </summary>
    /// <param name="objectionProbabilities">Each State's probability of objecting in a round.</param>
    /// <param name="rounds">The number of rounds, at least 1.</param>
    /// <returns>The probability of adoption in some round.</returns>
    public static double AdoptionWithinRounds(IReadOnlyList<double> objectionProbabilities, int rounds)
    {
        CheckProbabilities(objectionProbabilities);
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        double q = ConsensusProbability(objectionProbabilities);
        return 1 - DeterministicMath.Pow(1 - q, rounds);
    }

    /// <summary>P(adopted) under consensus-minus-one or -two: nobody objects except the named States, whose objections do not count.</summary>
    /// <param name="objectionProbabilities">Each State's probability of objecting.</param>
    /// <param name="excludedIndices">Positions of the States whose objections do not count.</param>
    /// <returns>Π over the other States of (1 − pᵢ).</returns>
    /// <exception cref="ArgumentException">An index is out of range or repeated.</exception>
    public static double ConsensusMinusProbability(IReadOnlyList<double> objectionProbabilities, IReadOnlyList<int> excludedIndices)
    {
        CheckProbabilities(objectionProbabilities);
        ArgumentNullException.ThrowIfNull(excludedIndices);
        var excluded = new HashSet<int>();
        foreach (int i in excludedIndices)
        {
            if (i < 0 || i >= objectionProbabilities.Count || !excluded.Add(i))
            {
                throw new ArgumentException($"Excluded index {i} is out of range or repeated.", nameof(excludedIndices));
            }
        }

        return ConsensusProbability([.. objectionProbabilities.Where((_, i) => !excluded.Contains(i))]);
    }

    /// <summary>
    /// P(adopted) when adoption needs at least ⌈stateShare·N⌉ supporters carrying at least
    /// ⌈weightShare·W⌉ of the total weight W (a supporter is a State that does not object), each share
    /// taken as the decimal it prints as (0.9 is nine tenths). Exact, by dynamic programming over
    /// (supporters, supporter weight).
    /// </summary>
    /// <param name="objectionProbabilities">Each State's probability of objecting.</param>
    /// <param name="weights">Each State's non-negative whole weight.</param>
    /// <param name="stateShare">Share of States needed, in [0, 1].</param>
    /// <param name="weightShare">Share of weight needed, in [0, 1].</param>
    /// <returns>The probability of adoption.</returns>
    /// <exception cref="ArgumentException">
    /// The weights are not one non-negative whole number per State, or the table the computation needs, (⌈stateShare·N⌉ + 1) ×
    /// (⌈weightShare·W⌉ + 1) cells, exceeds <see cref="MaxTableCells"/>.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">A probability or share is outside [0, 1] or not a number.</exception>
    public static double QualifiedMajorityProbability(IReadOnlyList<double> objectionProbabilities, IReadOnlyList<int> weights, double stateShare, double weightShare) =>
        Qualified(objectionProbabilities, weights, stateShare, weightShare, nameof(weights));

    /// <summary>
    /// The most cells (supporters × support weight) the exact qualified-majority computation tabulates: two tables of
    /// doubles of this size take 256 MiB. Beyond it, weights should be given in coarser units.
    /// </summary>
    public const long MaxTableCells = 1L << 24;

    private static double Qualified(IReadOnlyList<double> objectionProbabilities, IReadOnlyList<int> weights, double stateShare, double weightShare, string weightsName)
    {
        CheckProbabilities(objectionProbabilities);
        ArgumentNullException.ThrowIfNull(weights, weightsName);
        if (weights.Count != objectionProbabilities.Count || weights.Any(w => w < 0))
        {
            throw new ArgumentException("One non-negative weight per State is needed.", weightsName);
        }

        if (!(stateShare >= 0 && stateShare <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(stateShare), stateShare, "A share must lie in [0, 1].");
        }

        if (!(weightShare >= 0 && weightShare <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(weightShare), weightShare, "A share must lie in [0, 1].");
        }

        int n = objectionProbabilities.Count;
        long total = weights.Sum(w => (long)w);
        int needStates = (int)ExactDecimal.AtLeast(stateShare, n);
        long needWeight = ExactDecimal.AtLeast(weightShare, total);
        Int128 cells = (Int128)(Math.Clamp(needStates, 0, n + 1) + 1) * (Math.Max(0, needWeight) + 1);
        if (cells > MaxTableCells)
        {
            throw new ArgumentOutOfRangeException(weightsName, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The exact computation needs a table of {cells:N0} cells (supporters × support weight); at most {MaxTableCells:N0} are allowed. Give the weights in coarser units."));
        }

        return AtLeast(objectionProbabilities, weights, needStates, needWeight);
    }

    /// <summary>
    /// P(adopted) under a power-weighted rule: at least ⌈stateShare·N⌉ supporters whose powers add up to at
    /// least weightShare of all powers, with powers and shares taken exactly as the decimals they print as
    /// (powers 4 and 99,996 are exactly 0.004 % and 99.996 % of the total, however far apart the powers are).
    /// This is how simulations weigh <see cref="Model.VotingWeight.Power"/>. By dynamic programming over the
    /// distinct (supporters, weight) pairs that can still matter.
    /// </summary>
    /// <param name="objectionProbabilities">Each actor's probability of objecting.</param>
    /// <param name="powers">Each actor's power: finite and non-negative, not all zero.</param>
    /// <param name="stateShare">Share of actors needed, in [0, 1].</param>
    /// <param name="weightShare">Share of the total power needed, in [0, 1].</param>
    /// <returns>The probability of adoption.</returns>
    /// <exception cref="ArgumentException">The lists differ in length, or a power is negative, not finite, or all are zero.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A share is outside [0, 1], or more than <see cref="MaxTableCells"/> ÷ 8 distinct (supporters, weight)
    /// pairs would have to be tracked (many actors with unrelated powers; each pair holds a big integer).
    /// </exception>
    public static double PowerWeightedMajorityProbability(IReadOnlyList<double> objectionProbabilities, IReadOnlyList<double> powers, double stateShare, double weightShare)
    {
        ArgumentNullException.ThrowIfNull(objectionProbabilities);
        ArgumentNullException.ThrowIfNull(powers);
        if (powers.Count != objectionProbabilities.Count || powers.Any(w => !double.IsFinite(w) || w < 0) || !powers.Any(w => w > 0))
        {
            throw new ArgumentException("One finite, non-negative power per actor is needed, and at least one above 0.", nameof(powers));
        }

        CheckProbabilities(objectionProbabilities);
        CheckShares(stateShare, weightShare);
        var weights = RuleWeights.FromPowers(powers);
        var total = weights.Aggregate(BigInteger.Zero, (sum, w) => sum + w);
        int needStates = (int)ExactDecimal.AtLeast(stateShare, objectionProbabilities.Count);
        var needWeight = ExactDecimal.AtLeast(weightShare, total);

        // Supporters and weight are capped at what the rule needs, so pairs beyond the thresholds merge.
        var dist = new Dictionary<(int Supporters, BigInteger Weight), double> { [(0, BigInteger.Zero)] = 1 };
        for (int i = 0; i < objectionProbabilities.Count; i++)
        {
            double p = objectionProbabilities[i];
            var next = new Dictionary<(int, BigInteger), double>(dist.Count * 2);
            foreach (var ((s, w), d) in dist)
            {
                next[(s, w)] = next.GetValueOrDefault((s, w)) + (d * p);
                var joined = (Math.Min(s + 1, needStates), BigInteger.Min(w + weights[i], needWeight));
                next[joined] = next.GetValueOrDefault(joined) + (d * (1 - p));
            }

            if (next.Count > MaxTableCells / 8)
            {
                throw new ArgumentOutOfRangeException(nameof(powers), $"The powers make more than {MaxTableCells / 8:N0} distinct (supporters, weight) pairs to track after {i + 1} actors; the exact computation is refused beyond that.");
            }

            dist = next;
        }

        return Math.Clamp(dist.GetValueOrDefault((needStates, needWeight)), 0, 1);
    }

    /// <summary>P(more than half the States support).</summary>
    /// <param name="objectionProbabilities">Each State's probability of objecting.</param>
    /// <returns>The probability of adoption.</returns>
    public static double SimpleMajorityProbability(IReadOnlyList<double> objectionProbabilities)
    {
        CheckProbabilities(objectionProbabilities);
        return AtLeast(objectionProbabilities, [.. objectionProbabilities.Select(_ => 0)], (objectionProbabilities.Count / 2) + 1, 0);
    }

    /// <summary>P(adopted) under the OSCE Parliamentary Assembly's "approximate consensus": 90 % of States providing 90 % of contributions.</summary>
    /// <param name="objectionProbabilities">Each State's probability of objecting.</param>
    /// <param name="budgetWeights">Each State's budget share in whole units.</param>
    /// <returns>The probability of adoption.</returns>
    public static double ApproximateConsensusProbability(IReadOnlyList<double> objectionProbabilities, IReadOnlyList<int> budgetWeights) =>
        Qualified(objectionProbabilities, budgetWeights, 0.9, 0.9, nameof(budgetWeights));

    /// <summary>P(at least <paramref name="minimumSupporters"/> of the States support), for invoking a mechanism (Moscow ¶9: 6, ¶12: 10, Berlin: 13).</summary>
    /// <param name="supportProbabilities">Each State's probability of supporting.</param>
    /// <param name="minimumSupporters">Supporters needed.</param>
    /// <returns>The probability the threshold is reached.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A probability is outside [0, 1] or not a number, or <paramref name="minimumSupporters"/> is negative.</exception>
    public static double ThresholdSupportProbability(IReadOnlyList<double> supportProbabilities, int minimumSupporters)
    {
        CheckProbabilities(supportProbabilities);
        ArgumentOutOfRangeException.ThrowIfNegative(minimumSupporters);
        var pmf = ObjectorCountDistribution(supportProbabilities);
        double p = 0;
        for (int k = minimumSupporters; k < pmf.Length; k++)
        {
            p += pmf[k];
        }

        return Math.Clamp(p, 0, 1);
    }

    /// <summary>P(supporters ≥ needStates and their weight ≥ needWeight), by DP over (count, weight) capped at the thresholds.</summary>
    private static double AtLeast(IReadOnlyList<double> objection, IReadOnlyList<int> weights, int needStates, long needWeight)
    {
        int n = objection.Count;
        int capS = Math.Clamp(needStates, 0, n + 1);
        long capW = Math.Max(0, needWeight);
        if (capS > n)
        {
            return 0;
        }

        // dist[s, w]: probability of min(s, capS) supporters with min(weight, capW) support weight so far.
        var dist = new double[capS + 1, capW + 1];
        var next = new double[capS + 1, capW + 1];
        dist[0, 0] = 1;
        for (int i = 0; i < n; i++)
        {
            double p = objection[i];
            Array.Clear(next);
            for (int s = 0; s <= capS; s++)
            {
                for (long w = 0; w <= capW; w++)
                {
                    double d = dist[s, w];
                    if (d == 0)
                    {
                        continue;
                    }

                    next[s, w] += d * p;
                    next[Math.Min(s + 1, capS), Math.Min(w + weights[i], capW)] += d * (1 - p);
                }
            }

            (dist, next) = (next, dist);
        }

        // Rounding in the recursion can overshoot 1 by a few ulps.
        return Math.Clamp(dist[capS, capW], 0, 1);
    }

    private static void CheckShares(double stateShare, double weightShare)
    {
        if (!(stateShare >= 0 && stateShare <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(stateShare), stateShare, "A share must lie in [0, 1].");
        }

        if (!(weightShare >= 0 && weightShare <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(weightShare), weightShare, "A share must lie in [0, 1].");
        }
    }

    private static void CheckProbabilities(IReadOnlyList<double> probabilities, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(probabilities))] string name = "")
    {
        ArgumentNullException.ThrowIfNull(probabilities, name);
        for (int i = 0; i < probabilities.Count; i++)
        {
            if (!(probabilities[i] >= 0 && probabilities[i] <= 1))
            {
                throw new ArgumentOutOfRangeException(name, probabilities[i], $"Element {i} is not a probability in [0, 1].");
            }
        }
    }
}
