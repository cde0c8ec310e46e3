// Fine-tunes the ImageNet ResNet-18 on Fashion-MNIST's classes 0–4 with a plain TorchSharp training loop, and lets
// AutoLR tune each residual block's learning rate around that loop.
//
//   dotnet run -- [--epochs 1] [--seed 1] [--base-lr 0.01] [--image-size 64] [--images-per-class N] [--batch-size 32]
//                 [--threads 0] [--trace trace.jsonl]
using AutoLR.Algorithms;
using AutoLR.Torch.Backbones;
using AutoLR.Torch.Data;
using AutoLR.Torch.Devices;
using AutoLR.Torch.FineTuning;
using AutoLR.Torch.OwnLoop;
using AutoLR.Torch.Training;
using AutoLR.Torch.Weights;
using TorchSharp.Modules;
using static TorchSharp.torch;

var given = new Dictionary<string, string>();
for (var i = 0; i + 1 < args.Length; i += 2) given[args[i].TrimStart('-')] = args[i + 1];
string Arg(string name, string fallback) => given.GetValueOrDefault(name, fallback);
var epochs = int.Parse(Arg("epochs", "1"));
var seed = int.Parse(Arg("seed", "1"));
var baseLr = double.Parse(Arg("base-lr", "0.01"), System.Globalization.CultureInfo.InvariantCulture);
var batchSize = int.Parse(Arg("batch-size", "32"));
int? imagesPerClass = given.TryGetValue("images-per-class", out var perClass) ? int.Parse(perClass) : null;

// The model and the data: the ImageNet ResNet-18 and the Fashion-MNIST reader that ship with AutoLR.Torch.
var device = ComputeDevice.Configure("cpu", int.Parse(Arg("threads", "0")));
using var pretrained = PretrainedBackbones.Load("cntk-resnet18", "", Console.WriteLine);
var data = DatasetFactory.Open("fashion-mnist", null,
    new DatasetOptions { ImageSize = int.Parse(Arg("image-size", "64")), ImagesPerClass = imagesPerClass }, pretrained.Spec.Input);
var train = data.Train;
using var model = PretrainedNetwork.Create(pretrained.Spec, 0, pretrained.StateDict, pretrained.Source, train.ClassCount,
    HeadOptions.Default, seed, device);
var labels = train.Labels.Select(l => (long)l).ToArray();

// AutoLR: the model's layer groups, SGD with one parameter group per layer, and the tuner around our epoch.
var layers = TunedLayers.Of(model);
using var sgd = optim.SGD(layers.ParamGroups(ps => new SGD.ParamGroup(ps, new SGD.Options { LearningRate = 0 })), 0,
    momentum: 0.9, weight_decay: 5e-4, nesterov: true);
var flips = new TrainingRandom(seed);
random.manual_seed(seed);
using var trace = given.TryGetValue("trace", out var traceFile) ? new TraceWriter(traceFile) : null;
var controller = AutoLrController.defaults(baseLr).WithClassCount(train.ClassCount);
// A retried epoch must draw the same flips: the tuner remembers the flip generator with its snapshot.
using var tuner = new AutoLrTuner(model, layers, sgd, controller, ownState: () =>
{
    var state = flips.State;
    return () => flips.State = state;
}, trace: trace);
for (var epoch = 1; epoch <= epochs; epoch++)
{
    var kept = tuner.RunEpoch(TrainEpoch);
    Console.WriteLine($"epoch {epoch}: trial {kept.Trial} of {tuner.Records.Count(r => r.Epoch == epoch)} kept, " +
                      $"sorting quality {kept.SortingQuality:F3}, block LRs {string.Join(" ", kept.Lrs.Select(lr => lr.ToString("G3")))}");
}

// Our own training loop: one epoch of cross-entropy on the head, shuffled by (seed, epoch), random left–right flips.
double TrainEpoch(int epoch, OptimizerHelper optimizer)
{
    var order = TrainingRandom.EpochOrder(seed, epoch, train.Count);
    var batches = train.Count / batchSize;
    var lossSum = 0.0;
    model.train();
    for (var b = 0; b < batches; b++)
    {
        using var scope = NewDisposeScope();
        var indices = order.AsSpan(b * batchSize, batchSize);
        var images = train.GetBatch(indices);
        var mirror = new bool[indices.Length];
        for (var i = 0; i < mirror.Length; i++) mirror[i] = flips.NextDouble() < 0.5;
        var input = where(tensor(mirror).view(-1, 1, 1, 1), images.flip(3), images).to(device);
        var target = tensor(indices.ToArray().Select(i => labels[i]).ToArray()).to(device);
        optimizer.zero_grad();
        var loss = nn.functional.cross_entropy(model.forward(input), target);
        loss.backward();
        optimizer.step();
        lossSum += loss.item<float>();
    }
    return lossSum / batches;
}
