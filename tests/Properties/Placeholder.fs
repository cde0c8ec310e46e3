module AutoLR.Properties.Placeholder

open FsCheck.Xunit

[<Property>]
let ``reversing twice is identity`` (xs: int list) = List.rev (List.rev xs) = xs
