/// The page `damages serve` serves: HTML and style embedded in the binary, the script a
/// resource of this module beside it, so that nothing is fetched from anywhere else.
enum Page {}
