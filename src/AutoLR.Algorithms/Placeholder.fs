namespace AutoLR.Algorithms
