using System.Text;
using System.Text.Json;
using SessionKit.Grains.Signals;

namespace SessionKit.Grains.Tests.Signals;

/// <summary>The label a signal's target gets from the recorded text, for texts far longer than a label.</summary>
public sealed class TargetLabelTests
{
    private const long T = 1_732_183_200_000;

    [Fact]
    public void AButtonBesideAHugeStyleSheetIsLabelledByItsOwnTextCollapsedAndCut()
    {
        var sheet = string.Concat(Enumerable.Repeat(".a { margin: 0 }\n", 60_000));
        var label = "  Pay \n now " + new string('x', 100);

        var target = DeadClickTarget(label, sheet);

        Assert.Equal("Pay now " + new string('x', 52), target.Text);
    }

    [Fact]
    public void ALongTextThatStartsWithMuchWhitespaceIsStillLabelledByItsWords()
    {
        var label = new string(' ', 10_000) + "Pay" + new string(' ', 10_000) + "now";

        Assert.Equal("Pay now", DeadClickTarget(label).Text);
    }

    [Fact]
    public void EscapedCharactersInALongTextAreLabelledAsThePageShowsThem()
    {
        var label = "\"Pay\" \u00e9\u4e2d " + new string('y', 9_000);

        Assert.Equal("\"Pay\" \u00e9\u4e2d " + new string('y', 51), DeadClickTarget(label).Text);
    }

    [Theory]
    [InlineData("BUTTON", "button#pay")]
    [InlineData("Button", "button#pay")]
    [InlineData("X-Pay-Button", "x-pay-button#pay")]
    public void TagNamesReadInLowerCaseWhateverTheirCase(string tagName, string selector) =>
        Assert.Equal(selector, DeadClickTarget("Pay now", tagName: tagName).Selector);

    private static SignalTarget DeadClickTarget(string label, string sheet = "", string tagName = "button")
    {
        var text = JsonSerializer.Serialize(label);
        var css = JsonSerializer.Serialize(sheet);
        var page = $$"""
            {"type":0,"id":1,"childNodes":[{"type":2,"id":2,"tagName":"html","attributes":{},"childNodes":[
              {"type":2,"id":3,"tagName":"head","attributes":{},"childNodes":[
                {"type":2,"id":4,"tagName":"style","attributes":{"_cssText":{{css}}},"childNodes":[{"type":3,"id":5,"textContent":{{css}}}]}]},
              {"type":2,"id":6,"tagName":"body","attributes":{},"childNodes":[
                {"type":2,"id":10,"tagName":"{{tagName}}","attributes":{"id":"pay","role":"button"},"childNodes":[{"type":3,"id":11,"textContent":{{text}}}]}]}]}]}
            """;
        string[] events =
        [
            $$$"""{"type":4,"timestamp":{{{T}}},"data":{"href":"https://shop.example.com/cart","width":1280,"height":800}}""",
            $$$"""{"type":2,"timestamp":{{{T}}},"data":{"node":{{{page}}},"initialOffset":{"top":0,"left":0}}""" + "}",
            $$$"""{"type":3,"timestamp":{{{T + 1000}}},"data":{"source":2,"type":2,"id":10,"x":100,"y":200}}""",
            $$$"""{"type":3,"timestamp":{{{T + 9000}}},"data":{"source":1,"positions":[{"x":5,"y":5,"id":3,"timeOffset":0}]}}""",
        ];
        var raised = new List<Signal>();
        new SignalEvaluator(new SignalThresholds()).Feed(Encoding.UTF8.GetBytes(string.Join(',', events)), raised);
        return Assert.Single(raised, signal => signal.Type == SignalTypes.DeadClick).Target!;
    }
}
