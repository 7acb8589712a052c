#!/bin/sh
# Opens the Res88 sample compilation in LibreOffice (headless): DOCX -> PDF, first page -> PNG for the
# README (docs/compilation-first-page.png), and DOCX -> DOCX to show the tracked changes survive.
# Needs: apt-get install -y libreoffice-writer poppler-utils
set -eu
cd "$(dirname "$0")/../.."
command -v libreoffice >/dev/null || { echo "libreoffice is not installed: apt-get install -y libreoffice-writer"; exit 2; }
command -v pdftoppm >/dev/null || { echo "pdftoppm is not installed: apt-get install -y poppler-utils"; exit 2; }
OUT=server/target/compile-samples
# one invocation, so the reactor resolves the schema module to its freshly built classes
mvn -q -B -Dskip.web=true -pl server -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/compile-bench.cp -Dmdep.includeScope=test
java -cp "server/target/classes:server/target/test-classes:$(cat server/target/compile-bench.cp)" \
  org.plenary.compile.CompileBench samples "$OUT"
PROFILE=$(mktemp -d)
timeout 180 libreoffice -env:UserInstallation=file://$PROFILE --headless --norestore --convert-to pdf --outdir "$OUT" "$OUT/Res88-compilation.docx"
timeout 180 libreoffice -env:UserInstallation=file://$PROFILE --headless --norestore --convert-to pdf --outdir "$OUT" "$OUT/Res88-compilation-contested.docx"
mkdir -p "$OUT/resaved"
timeout 180 libreoffice -env:UserInstallation=file://$PROFILE --headless --norestore --convert-to 'docx:MS Word 2007 XML' --outdir "$OUT/resaved" "$OUT/Res88-compilation.docx"
rm -rf "$PROFILE"
pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$OUT/Res88-compilation.pdf" docs/compilation-first-page
# the first page after the two summary tables, contested paragraphs only: the tracked changes
pdftoppm -png -r 70 -f 3 -l 3 -singlefile "$OUT/Res88-compilation-contested.pdf" docs/compilation-tracked-changes
echo "pages: $(pdfinfo "$OUT/Res88-compilation.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')"
echo "tracked changes after LibreOffice saved it again:"
unzip -p "$OUT/resaved/Res88-compilation.docx" word/document.xml | grep -o '<w:\(ins\|del\) [^>]*w:author="[^"]*"' | sed 's/.*w:author="\([^"]*\)".*/\1/' | sort | uniq -c
echo "pictures: docs/compilation-first-page.png docs/compilation-tracked-changes.png"
