namespace AutoLR.Integration;

[Trait(Tier.Name, Tier.Full)]
public class SmokeTests
{
    [Fact]
    public void TorchLoads()
    {
        using var t = TorchSharp.torch.ones(2, 2);
        Assert.Equal(4.0, t.sum().item<float>());
    }
}
