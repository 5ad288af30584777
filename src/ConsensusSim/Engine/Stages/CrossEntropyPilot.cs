using ConsensusSim.Numerics;

namespace ConsensusSim.Engine.Stages;

/// <summary>The tuned change of measure of a rare-event run, and the power of two its weights are summed relative to.</summary>
internal sealed record RareEventDesign(RareEventModel Model, RareEventTilt Tilt, int ScaleExponent, int Levels);

/// <summary>
/// Tunes a <see cref="RareEventTilt"/> by the multilevel cross-entropy method (Rubinstein and Kroese, The Cross-Entropy
/// Method, 2004, ch. 3) in a short pilot before the run. Each level draws <see cref="Samples"/> votes under the current
/// tilt; the elite are the votes that reached the target, or when fewer than a tenth did, the tenth closest to it in the
/// number of objectors. The new shift is the elite's likelihood-weighted mean shock (the cross-entropy optimum for a
/// normal mean); the new tilt makes the expected number of objectors equal the elite's weighted mean moved one objector
/// further toward the target (the optimum for the exponential family, pushed past ties, which a count has many of).
/// The pilot draws from streams of its own, keyed by the run's seed and the level, so every worker, shard and resume of
/// a run tunes to the same bits; it costs a few thousand votes per level.
/// </summary>
internal static class CrossEntropyPilot
{
    /// <summary>Votes per level: enough that a tenth (200) pins a mean shift or count to a few percent.</summary>
    public const int Samples = 2000;

    /// <summary>Levels before the pilot settles for the tilt it has: each level moves the count at least one objector.</summary>
    public const int MaxLevels = 60;

    /// <summary>Keys the pilot's streams (any constant would do; this one is fixed forever).</summary>
    private const ulong PilotStreamOffset = 0xC2B2AE3D27D4EB4FUL;

    /// <summary>Without a pilot estimate, weights are summed relative to 2⁻⁴⁰: probabilities from 2⁻¹⁰⁰ to 1 still fit.</summary>
    private const int FallbackScaleExponent = -40;

    private const int EliteCount = Samples / 10;

    /// <summary>Updates from the hits once a tenth reach the target: the shift moves toward its optimum a fraction of the way each time.</summary>
    private const int Refinements = 5;

    public static RareEventDesign Tune(RareEventModel model, ulong seed)
    {
        var batch = new Batch(model);
        var tilt = RareEventTilt.Nominal(model);
        int level = 0;
        int refined = 0;
        for (; level < MaxLevels && refined < Refinements; level++)
        {
            batch.Draw(tilt, seed, level);
            bool reached = batch.Hits >= EliteCount;
            tilt = batch.Update(reached);
            refined += reached ? 1 : 0;
        }

        // The scale: the tuned tilt's own estimate from one more batch, rounded up to a power of two.
        batch.Draw(tilt, seed, MaxLevels + 1);
        double estimate = batch.Estimate();
        int scale = estimate > 0 ? Math.Clamp(Math.ILogB(estimate) + 1, -1000, 0) : FallbackScaleExponent;
        return new RareEventDesign(model, tilt, scale, level);
    }

    /// <summary>One level's votes: their shocks, chances, counts, ratios and whether they hit.</summary>
    private sealed class Batch
    {
        private readonly RareEventModel _model;
        private readonly double[] _shocks;
        private readonly double[] _chance;
        private readonly double[] _complement;
        private readonly RareSample[] _samples = new RareSample[Samples];
        private readonly int[] _objectors;
        private readonly List<int> _elite = new(Samples);

        public Batch(RareEventModel model)
        {
            _model = model;
            _shocks = new double[Samples * model.Shocks];
            _chance = new double[Samples * model.Relevant];
            _complement = new double[Samples * model.Relevant];
            _objectors = new int[Math.Max(model.Relevant, 1) + 64];
        }

        public int Hits { get; private set; }

        public void Draw(RareEventTilt tilt, ulong seed, int level)
        {
            ulong stream = seed ^ SplitMix64.Mix(PilotStreamOffset + (ulong)level);
            int b = _model.Shocks, r = _model.Relevant;
            Hits = 0;
            for (int s = 0; s < Samples; s++)
            {
                var random = TrialRandom.ForTrial(stream, s);
                _samples[s] = _model.Draw(ref random, tilt, _shocks.AsSpan(s * b, b), _chance.AsSpan(s * r, r), _complement.AsSpan(s * r, r), _objectors);
                Hits += _samples[s].Hit ? 1 : 0;
            }
        }

        /// <summary>The mean weighted indicator: the batch's importance-sampling estimate, summed in draw order.</summary>
        public double Estimate()
        {
            double sum = 0;
            foreach (var s in _samples)
            {
                sum += s.Hit ? DeterministicMath.Exp(s.LogRatio) : 0;
            }

            return sum / Samples;
        }

        /// <summary>The cross-entropy update from this batch's elite; at the last level the elite are the hits.</summary>
        public RareEventTilt Update(bool last)
        {
            SelectElite(last);
            double most = double.NegativeInfinity;
            foreach (int s in _elite)
            {
                most = Math.Max(most, _samples[s].LogRatio);
            }

            double total = 0, count = 0;
            var shift = new double[_model.Shocks];
            foreach (int s in _elite)
            {
                // Relative to the largest, so no weight overflows; the update is a ratio of sums.
                double w = DeterministicMath.Exp(_samples[s].LogRatio - most);
                total += w;
                count += w * _samples[s].Objectors;
                for (int b = 0; b < shift.Length; b++)
                {
                    shift[b] += w * _shocks[(s * shift.Length) + b];
                }
            }

            for (int b = 0; b < shift.Length; b++)
            {
                shift[b] /= total;
            }

            double target = (count / total) + (last ? 0 : _model.TargetAdopted ? -1 : 1);
            return new RareEventTilt(_model, shift, target);
        }

        /// <summary>The hits and, short of a tenth, the votes at least as close to the target as the tenth closest (ties kept).</summary>
        private void SelectElite(bool last)
        {
            _elite.Clear();
            int direction = _model.TargetAdopted ? -1 : 1;
            int threshold = int.MaxValue;
            if (!last)
            {
                var scores = _samples.Select(s => direction * s.Objectors).OrderDescending().ToArray();
                threshold = scores[EliteCount - 1];
            }

            for (int s = 0; s < Samples; s++)
            {
                if (_samples[s].Hit || (!last && direction * _samples[s].Objectors >= threshold))
                {
                    _elite.Add(s);
                }
            }
        }
    }
}
