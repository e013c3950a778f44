"""The privacy wall: detectors, deny-list, the public view, disclosure control and the audit."""
