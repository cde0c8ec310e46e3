Console.WriteLine("autolr");
