"""Edits a DOCX in LibreOffice with Track Changes on, as a delegation would, and saves it as DOCX.

Run by LibreOfficeRoundTripTest:  python3 edit_with_track_changes.py SOFFICE IN.docx OUT.docx EDITS.json PROFILE_DIR
EDITS.json is a list of edits, each found by a unique piece of text of the document:
  {"op": "replace", "find": "old words", "with": "new words"}       a tracked replacement inside a paragraph
  {"op": "deleteParagraph", "find": "text in the paragraph"}        the whole paragraph removed (tracked)
  {"op": "insertAfter", "find": "text in the paragraph", "text": "…"}  a new paragraph after it (tracked)
  {"op": "comment", "find": "commented words", "text": "…"}          a comment on those words
The author of the changes and comments is the user name set in the private profile ("Delegation of Egypt").
"""
import json
import os
import subprocess
import sys
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.text.ControlCharacter import PARAGRAPH_BREAK

AUTHOR = "Delegation of Egypt"


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def connect(soffice, profile):
    pipe = "plenary" + uuid.uuid4().hex
    proc = subprocess.Popen([soffice, "-env:UserInstallation=file://" + profile, "--headless", "--invisible",
                             "--norestore", "--nologo", "--accept=pipe,name=%s;urp;" % pipe],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(600):
        try:
            ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            return proc, ctx
        except Exception:
            if proc.poll() is not None:
                raise RuntimeError("LibreOffice exited with %s" % proc.returncode)
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("could not connect to LibreOffice")


def set_author(ctx):
    smgr = ctx.ServiceManager
    provider = smgr.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", ctx)
    access = provider.createInstanceWithArguments("com.sun.star.configuration.ConfigurationUpdateAccess",
                                                  (prop("nodepath", "/org.openoffice.UserProfile/Data"),))
    access.setPropertyValue("givenname", AUTHOR)
    access.setPropertyValue("sn", "")
    access.commitChanges()


def find(doc, text):
    search = doc.createSearchDescriptor()
    search.SearchString = text
    search.SearchCaseSensitive = True
    found = doc.findAll(search)
    if found.getCount() != 1:
        raise RuntimeError("%r occurs %d times" % (text, found.getCount()))
    return found.getByIndex(0)


def annotations(doc):
    count = 0
    fields = doc.getTextFields().createEnumeration()
    while fields.hasMoreElements():
        if fields.nextElement().supportsService("com.sun.star.text.textfield.Annotation"):
            count += 1
    return count


def paragraph_of(doc, text):
    r = find(doc, text)
    cursor = doc.Text.createTextCursorByRange(r.getStart())
    cursor.gotoStartOfParagraph(False)
    cursor.gotoEndOfParagraph(True)
    return cursor


def main():
    soffice, src, dst, edits_file, profile = sys.argv[1:6]
    with open(edits_file, encoding="utf-8") as f:
        edits = json.load(f)
    proc, ctx = connect(soffice, profile)
    try:
        set_author(ctx)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(src)), "_blank", 0, ())
        dispatcher = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        # comments are not tracked changes: added first, then every text edit is recorded
        edits = [e for e in edits if e["op"] == "comment"] + [e for e in edits if e["op"] != "comment"]
        for e in edits:
            doc.RecordChanges = e["op"] != "comment"
            op = e["op"]
            if op == "replace":
                r = find(doc, e["find"])
                r.setString(e["with"])
            elif op == "deleteParagraph":
                c = paragraph_of(doc, e["find"])
                # the paragraph with its mark: from its start to the start of the next paragraph
                c.gotoStartOfParagraph(False)
                c.gotoNextParagraph(True)
                c.setString("")
            elif op == "insertAfter":
                c = paragraph_of(doc, e["find"])
                c.collapseToEnd()
                doc.Text.insertControlCharacter(c, PARAGRAPH_BREAK, False)
                doc.Text.insertString(c, e["text"], False)
            elif op == "comment":
                # as a user does it: select the words, Insert > Comment (a ranged annotation inserted through
                # the API without a view loses its range in LibreOffice 7.4)
                controller = doc.getCurrentController()
                before = annotations(doc)
                for attempt in range(3):
                    # leave the comment just written (the view may still edit it), then select and comment
                    dispatcher.executeDispatch(controller.getFrame(), ".uno:Escape", "", 0, ())
                    controller.select(find(doc, e["find"]))
                    dispatcher.executeDispatch(controller.getFrame(), ".uno:InsertAnnotation", "", 0,
                                               (prop("Text", e["text"]), prop("Author", AUTHOR)))
                    for _ in range(50):
                        if annotations(doc) > before:
                            break
                        time.sleep(0.1)
                    if annotations(doc) > before:
                        break
                else:
                    raise RuntimeError("the comment on %r was not inserted" % e["find"])
            else:
                raise RuntimeError("unknown edit " + op)
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(dst)), (prop("FilterName", "MS Word 2007 XML"),))
        doc.close(True)
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        try:
            proc.wait(timeout=30)
        except Exception:
            proc.kill()


if __name__ == "__main__":
    main()
