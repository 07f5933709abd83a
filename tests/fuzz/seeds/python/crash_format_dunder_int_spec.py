object().__format__(0)
