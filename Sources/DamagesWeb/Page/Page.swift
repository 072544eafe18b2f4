/// The page `damages serve` serves: HTML, its script and its style, embedded in the binary so
/// that nothing is fetched from anywhere else.
enum Page {}
