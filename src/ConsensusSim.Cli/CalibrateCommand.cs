using System.CommandLine;
using System.Diagnostics;
using ConsensusSim.Calibration;

namespace ConsensusSim.Cli;

/// <summary>
/// <c>consensussim calibrate spec.json [--holdout period=X]… [--rolling-origin] [--out DIR]</c>: fits a calibration spec's
/// parameters to the observed record (or validates the model out of sample) in one library call, prints each
/// parameter as it should be reported (flagged ones by their interval, never as a point) and writes
/// <c>calibration.json</c> and CSV tables.
/// </summary>
internal static class CalibrateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, CancellationToken interrupt)
    {
        var spec = new Argument<string>("spec") { Description = "The calibration spec (JSON): the observed record, a template scenario per item kind or topic, the parameters to fit. See samples/calibration/eras.json." };
        var holdout = new Option<string[]>("--holdout") { Description = "Hold out the cells matching KEY=VALUE (period=crisis-2014; item=…; topic=…), repeatable: fit the other cells and score the held-out ones against the base-rate and previous-period baselines.", AllowMultipleArgumentsPerToken = false };
        var rolling = new Option<bool>("--rolling-origin") { Description = "For each period after the first: fit every earlier period, predict that one; one line of scores per period." };
        var output = new Option<string?>("--out", "-o") { Description = $"Write {string.Join(", ", CalibrationFiles.Names)} into this folder." };
        var trials = new Option<long?>("--trials", "-n") { Description = "Trials per cell and evaluation (default: the spec's)." };
        var seed = new Option<ulong?>("--seed", "-s") { Description = "The seed of every simulation (default: the spec's)." };
        var threads = new Option<int?>("--threads", "-t") { Description = "Worker threads (default: all cores). Does not change results." };
        var command = new Command("calibrate", "Fit a spec's scenario parameters to the observed record with 95 % profile-likelihood intervals and identifiability flags, or validate out of sample.")
        {
            spec, holdout, rolling, output, trials, seed, threads,
        };
        command.SetAction(parse => Execute(
            (stdout, stderr),
            parse.GetValue(spec)!,
            Mode(parse.GetValue(holdout) ?? [], parse.GetValue(rolling)),
            parse.GetValue(output),
            new CalibrationOptions { Trials = parse.GetValue(trials), Seed = parse.GetValue(seed), MaxDegreeOfParallelism = parse.GetValue(threads) },
            interrupt));
        return ToolHelp.WithExamples(
            command,
            "# A quick, rough fit with 1,000 trials per evaluation; leave out --trials for the spec's own count:",
            "consensussim calibrate samples/calibration/eras.json --trials 1000 --out fit");
    }

    private static CellSelector[]? Mode(string[] holdout, bool rolling)
    {
        if (holdout.Length > 0 && rolling)
        {
            throw new UserInputException("--holdout and --rolling-origin are two kinds of validation; give one.");
        }

        try
        {
            return rolling ? [] : holdout.Length == 0 ? null : [.. holdout.Select(CellSelector.Parse)];
        }
        catch (ArgumentException ex)
        {
            throw new UserInputException("--holdout " + ex.Message.Split(" (Parameter")[0]);
        }
    }

    /// <param name="held">Null for a fit, empty for rolling origin, else the held-out cells.</param>
    private static int Execute((TextWriter Out, TextWriter Err) to, string path, CellSelector[]? held, string? folder, CalibrationOptions options, CancellationToken interrupt)
    {
        RunLimits.CheckTrials(options.Trials);
        RunLimits.CheckThreads(options.MaxDegreeOfParallelism);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new UserInputException($"{path}: no such calibration spec.");
        }

        var spec = CalibrationSpec.Load(path);
        var files = CalibrationFiles.Plan(to.Out, folder, spec);
        using var interruption = new InterruptScope(interrupt);
        var progress = new CalibrationProgressLines(to.Err);
        var names = OptionNames.Of(("heldOut", "--holdout"), ("spec", path + ":"), ("options.Trials", "--trials"), ("options.MaxDegreeOfParallelism", "--threads"));
        var clock = Stopwatch.StartNew();
        object result = names.Call<object>(() => held switch
        {
            null => Calibrator.Fit(spec, options, progress, interruption.Token),
            [] => Calibrator.RollingOrigin(spec, options, progress, interruption.Token),
            _ => Calibrator.Holdout(spec, held, options, progress, interruption.Token),
        });
        clock.Stop();
        to.Out.Write(CalibrationSummary.Format(path, result, clock.Elapsed));
        files?.Write(result, to.Out);
        return ExitCodes.Success;
    }
}
